/**
 * The one error the recommendation domain throws: a code the caller can branch on, the field at fault, and a
 * message a user can read ("scores: needs at least 2 rows, got 1").
 */
export type RecommendErrorCode =
	/** Not enough rows to fit or evaluate what is asked. */
	| 'too_few'
	/** A value outside its domain: not finite, out of range, not 0/1, or lengths that do not agree. */
	| 'invalid';

export class RecommendError extends Error {
	readonly code: RecommendErrorCode;
	/** The input field at fault, e.g. `scores` or `outcomes`. */
	readonly field: string;
	constructor(code: RecommendErrorCode, field: string, message: string) {
		super(`${field}: ${message}`);
		this.name = 'RecommendError';
		this.code = code;
		this.field = field;
	}
}

/** Scores must be finite; outcomes 0 or 1; both the same length, at least `min` rows. */
export function checkScored(scores: ArrayLike<number>, outcomes: ArrayLike<number>, min = 1): void {
	if (scores.length !== outcomes.length)
		throw new RecommendError(
			'invalid',
			'outcomes',
			`needs one outcome per score: ${outcomes.length} outcomes for ${scores.length} scores`
		);
	if (scores.length < min)
		throw new RecommendError('too_few', 'scores', `needs at least ${min} rows, got ${scores.length}`);
	for (let i = 0; i < scores.length; i++) {
		if (!Number.isFinite(scores[i]))
			throw new RecommendError('invalid', 'scores', `row ${i} is not a finite number (${scores[i]})`);
		if (outcomes[i] !== 0 && outcomes[i] !== 1)
			throw new RecommendError('invalid', 'outcomes', `row ${i} must be 0 or 1, got ${outcomes[i]}`);
	}
}
