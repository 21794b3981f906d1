/**
 * Errors that cross a boundary carry a code, a message for the user and an internal detail for the log
 * (STYLE rule 6). Codes are a closed union so callers can switch on them.
 */
export type ErrorCode =
	| 'invalid_spec'
	| 'compliance_refused'
	| 'worker_crashed'
	| 'deadline_exceeded'
	| 'heartbeat_lost'
	| 'init_failed'
	| 'aborted'
	| 'fit_failed'
	| 'dataset_integrity'
	| 'storage';

export class AppError extends Error {
	constructor(
		readonly code: ErrorCode,
		/** What the user reads. */
		message: string,
		/** What the log keeps (stack, raw cause); never shown as is. */
		readonly detail?: string
	) {
		super(message);
		this.name = 'AppError';
	}
}

export function errorMessage(e: unknown): string {
	if (e instanceof Error) return e.message;
	return String(e);
}
