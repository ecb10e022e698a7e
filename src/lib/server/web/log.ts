/**
 * The server's log: one JSON object per line on stdout (errors on stderr), for journald or any log
 * shipper. What goes in is chosen field by field, never a request's headers, cookies, query string
 * or body, so no session token, password, setup token or named contact can reach the log.
 */
import { nowIso } from '$lib/domain/dates';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Info lines not yet written. Standard output on Linux is written synchronously (a pipe to journald
 * or a log shipper as much as a file), one system call per console.log: at 100,000 systems that was
 * a twentieth of /systems's time. The lines of one turn of the event loop go out in one write,
 * straight after it, in order; whatever is left when the process exits is written then.
 */
let pending = '';

/** Writes the info lines waiting, if any (called after each turn of the event loop and at exit). */
export function flushLog(): void {
	if (!pending) return;
	const out = pending;
	pending = '';
	process.stdout.write(out);
}
process.on('exit', flushLog);

export function logInfo(msg: string, fields: LogFields = {}): void {
	if (!pending) setImmediate(flushLog);
	pending += `${JSON.stringify({ time: nowIso(), level: 'info', msg, ...fields })}\n`;
}

export function logError(msg: string, fields: LogFields = {}): void {
	console.error(JSON.stringify({ time: nowIso(), level: 'error', msg, ...fields }));
}

const MAX_ERROR_TEXT = 4_000;

/**
 * An error as it may be logged: its name, message and stack frames, and its causes', but never the
 * bound values of a failed query. drizzle puts those in its message ('Failed query: ...\nparams: ...'),
 * and they can be a user's email, a password or token hash, or a system's named contact.
 */
export function describeError(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current !== undefined && current !== null && depth < 4; depth++) {
		if (current instanceof Error) {
			const message = current.message.replace(/\nparams: [\s\S]*$/, '\nparams: (not logged)');
			const code = 'code' in current && current.code ? ` [${String(current.code)}]` : '';
			const frames = (current.stack ?? '')
				.split('\n')
				.filter((line) => /^\s+at /.test(line))
				.slice(0, 8);
			parts.push(
				`${depth > 0 ? 'caused by: ' : ''}${current.name}${code}: ${message}${frames.length ? `\n${frames.join('\n')}` : ''}`
			);
			current = current.cause;
		} else {
			parts.push(
				`${depth > 0 ? 'caused by: ' : ''}${typeof current === 'string' ? current : 'a thrown value that is not an Error'}`
			);
			break;
		}
	}
	const text = parts.join('\n');
	return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}
