/**
 * The one logger (STYLE rule 6). It redacts anything that looks like a secret — and every key the vault holds
 * right now — before it reaches the console: a log line is easy to paste into a bug report.
 */
import { redact } from './redact';

let knownSecrets: () => readonly string[] = () => [];

/** The vault registers a reader of its current values, so exact keys are masked whatever their shape. */
export function setKnownSecrets(reader: () => readonly string[]): void {
	knownSecrets = reader;
}

export function format(args: unknown[]): string[] {
	const known = knownSecrets();
	return args.map((a) =>
		redact(
			a instanceof Error ? `${a.name}: ${a.message}` : typeof a === 'string' ? a : JSON.stringify(a),
			known
		)
	);
}

export const logger = {
	info: (...args: unknown[]) => console.info('[mltrainer]', ...format(args)),
	warn: (...args: unknown[]) => console.warn('[mltrainer]', ...format(args)),
	error: (...args: unknown[]) => console.error('[mltrainer]', ...format(args))
};
