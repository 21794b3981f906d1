/**
 * Prediction targets. The target at row t looks forward (t+1 .. t+h): that is what is predicted, and it is why
 * the walk-forward splitter keeps an embargo of at least h rows between training and test rows.
 */
export const MIN_HORIZON_DAYS = 1;
export const MAX_HORIZON_DAYS = 70;

export type TargetKind = 'forward_return' | 'direction';

/** log(close[t + h] / close[t]); NaN for the last h rows, whose future is unknown. */
export function forwardLogReturn(close: Float64Array, horizon: number): Float64Array {
	checkHorizon(horizon);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 0; t + horizon < close.length; t++) out[t] = Math.log(close[t + horizon] / close[t]);
	return out;
}

/** +1 when the forward log return is positive, -1 when negative, 0 when exactly flat; NaN where unknown. */
export function forwardDirection(close: Float64Array, horizon: number): Float64Array {
	const r = forwardLogReturn(close, horizon);
	const out = new Float64Array(r.length);
	for (let t = 0; t < r.length; t++) out[t] = Number.isNaN(r[t]) ? Number.NaN : Math.sign(r[t]);
	return out;
}

export function target(kind: TargetKind, close: Float64Array, horizon: number): Float64Array {
	return kind === 'forward_return' ? forwardLogReturn(close, horizon) : forwardDirection(close, horizon);
}

function checkHorizon(horizon: number): void {
	if (!Number.isInteger(horizon) || horizon < MIN_HORIZON_DAYS || horizon > MAX_HORIZON_DAYS) {
		throw new RangeError(
			`horizon must be a whole number of trading days from ${MIN_HORIZON_DAYS} to ${MAX_HORIZON_DAYS}, got ${horizon}`
		);
	}
}
