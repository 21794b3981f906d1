/**
 * The one logger (STYLE rule 6). It redacts anything that looks like a secret before it reaches the console:
 * API keys travel in headers and query strings, and a log line is easy to paste into a bug report.
 */
const SECRET_PATTERNS: readonly RegExp[] = [
	/sk-ant-[A-Za-z0-9_-]+/g,
	/(api[_-]?key=)[^&\s"']+/gi,
	/(authorization:\s*bearer\s+)[^\s"']+/gi
];

export function redact(text: string): string {
	let out = text;
	for (const p of SECRET_PATTERNS) {
		out = out.replace(p, (_m, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}[redacted]`);
	}
	return out;
}

function format(args: unknown[]): string[] {
	return args.map((a) =>
		redact(a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a))
	);
}

export const logger = {
	info: (...args: unknown[]) => console.info('[mltrainer]', ...format(args)),
	warn: (...args: unknown[]) => console.warn('[mltrainer]', ...format(args)),
	error: (...args: unknown[]) => console.error('[mltrainer]', ...format(args))
};
