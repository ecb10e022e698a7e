/**
 * Recovery objectives are typed as officers say them: '4h', '30m', '2d', '1:30' (hours:minutes),
 * '1h30m', or a bare number of minutes. Stored as whole minutes; zero and negative are refused,
 * because an objective of no time at all cannot be met or tested.
 */

/** The longest objective accepted: 90 days. Anything longer is a typing slip, not a recovery objective. */
export const MAX_OBJECTIVE_MINUTES = 90 * 24 * 60;

export type ParsedDuration = { ok: true; minutes: number } | { ok: false; reason: string };

const UNIT_MINUTES: Record<string, number> = { d: 1440, h: 60, m: 1 };

/** Reads '4h', '30m', '2d', '1:30', '1h 30m', '90' (minutes) into whole minutes. */
export function parseDuration(input: string): ParsedDuration {
	const text = input.trim().toLowerCase();
	if (text === '') return { ok: false, reason: 'empty' };
	if (/^-/.test(text)) return { ok: false, reason: 'must be more than zero' };
	let minutes: number;
	let match: RegExpExecArray | null;
	if ((match = /^(\d{1,5}):([0-5]\d)$/.exec(text))) {
		minutes = Number(match[1]) * 60 + Number(match[2]);
	} else if (/^\d{1,6}$/.test(text)) {
		minutes = Number(text);
	} else if (/^(\d{1,5}\s*[dhm]\s*)+$/.test(text)) {
		const parts = [...text.matchAll(/(\d{1,5})\s*([dhm])/g)];
		const units = parts.map((p) => p[2]!);
		// Each unit once and largest first ('1h30m', never '30m1h' or '1h1h'), so a slip is caught, not summed.
		const order = ['d', 'h', 'm'];
		if (
			new Set(units).size !== units.length ||
			units.some((u, i) => i > 0 && order.indexOf(u) <= order.indexOf(units[i - 1]!))
		) {
			return {
				ok: false,
				reason:
					"is not a duration: give each of days, hours and minutes once, largest first, like '1h30m'"
			};
		}
		minutes = parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MINUTES[p[2]!]!, 0);
	} else {
		return { ok: false, reason: "is not a duration like '4h', '30m', '2d' or '1:30'" };
	}
	if (minutes <= 0) return { ok: false, reason: 'must be more than zero' };
	if (minutes > MAX_OBJECTIVE_MINUTES) return { ok: false, reason: 'must be 90 days or less' };
	return { ok: true, minutes };
}

/** Whole minutes as the shortest typed form that reads back the same: 240 -> '4h', 90 -> '1h30m', 2880 -> '2d'. */
export function formatDuration(minutes: number): string {
	const d = Math.floor(minutes / 1440);
	const h = Math.floor((minutes % 1440) / 60);
	const m = minutes % 60;
	return [d ? `${d}d` : '', h ? `${h}h` : '', m || minutes === 0 ? `${m}m` : ''].join('');
}

/** Whole minutes in words for pages: 90 -> '1 hour 30 minutes', 2880 -> '2 days'. */
export function describeDuration(minutes: number): string {
	const d = Math.floor(minutes / 1440);
	const h = Math.floor((minutes % 1440) / 60);
	const m = minutes % 60;
	const part = (n: number, one: string) => (n ? `${n} ${one}${n === 1 ? '' : 's'}` : '');
	return (
		[part(d, 'day'), part(h, 'hour'), part(m, 'minute')].filter(Boolean).join(' ') || '0 minutes'
	);
}
