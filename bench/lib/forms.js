/** Reading a form out of a page as a browser would submit it, for the load benchmark's virtual users. */

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
const decode = (text) =>
	text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name) => {
		if (name[0] === '#')
			return String.fromCodePoint(
				name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))
			);
		return ENTITIES[name] ?? whole;
	});

function attributes(tag) {
	const found = {};
	for (const [, name, , quoted, bare] of tag.matchAll(
		/([\w:-]+)(\s*=\s*(?:"([^"]*)"|([^\s>]+)))?/g
	))
		found[name.toLowerCase()] = decode(quoted ?? bare ?? '');
	return found;
}

/**
 * The first <form> in `html` whose markup matches `test`, as { action, fields }: every named input
 * (checkboxes and radios only when checked), select (its selected option, else its first) and
 * textarea, in document order, as a browser would send them.
 */
export function readForm(html, test) {
	for (const [form] of html.matchAll(/<form\b[\s\S]*?<\/form>/g)) {
		if (!test(form)) continue;
		const action = attributes(form.match(/<form\b[^>]*>/)[0]).action ?? '';
		const fields = new URLSearchParams();
		for (const [element] of form.matchAll(
			/<input\b[^>]*>|<select\b[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g
		)) {
			const open = attributes(element.match(/^<\w+\b[^>]*>/)[0]);
			if (!open.name || 'disabled' in open) continue;
			if (element.startsWith('<input')) {
				const type = (open.type ?? 'text').toLowerCase();
				if (['submit', 'button', 'file', 'image', 'reset'].includes(type)) continue;
				if ((type === 'checkbox' || type === 'radio') && !('checked' in open)) continue;
				fields.append(open.name, open.value ?? (type === 'checkbox' ? 'on' : ''));
			} else if (element.startsWith('<select')) {
				const options = [...element.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map(
					([, attrs, label]) => ({
						...attributes(`<option ${attrs}>`),
						label: decode(label.trim())
					})
				);
				const chosen = options.find((o) => 'selected' in o) ?? options[0];
				if (chosen) fields.append(open.name, chosen.value ?? chosen.label);
			} else {
				fields.append(
					open.name,
					decode(element.replace(/^<textarea\b[^>]*>\n?/, '').replace(/<\/textarea>$/, ''))
				);
			}
		}
		return { action, fields };
	}
	return null;
}
