/**
 * The one error the overfitting defences throw: a code the caller can branch on, the field at fault, and a
 * message a user can read ("needs at least 3 returns, got 2").
 */
export type OverfittingErrorCode =
	/** Not enough observations to estimate what is asked (returns, periods, trials, rows). */
	| 'too_few'
	/** A spread that must be positive is zero (constant returns have no Sharpe ratio). */
	| 'zero_variance'
	/** A value outside its domain: not finite, not an integer, out of range, or shapes that do not agree. */
	| 'invalid';

export class OverfittingError extends Error {
	readonly code: OverfittingErrorCode;
	/** The input field at fault, e.g. `returns` or `blocks`. */
	readonly field: string;
	constructor(code: OverfittingErrorCode, field: string, message: string) {
		super(`${field}: ${message}`);
		this.name = 'OverfittingError';
		this.code = code;
		this.field = field;
	}
}
