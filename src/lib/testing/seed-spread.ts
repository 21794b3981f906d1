/**
 * Test helper: does a learner whose random draws differ from the reference library's agree with it in
 * distribution? Compares mean scores over seeds on both sides: within `tolerance`, or, when the seed-to-seed
 * spread makes a gap of that size noise, within 3 standard errors of the difference of the two means.
 */

/** Coefficient of determination of `pred` against `y`. */
export function r2(y: Float64Array, pred: Float64Array): number {
	let mean = 0;
	for (const v of y) mean += v / y.length;
	let ssRes = 0;
	let ssTot = 0;
	for (let i = 0; i < y.length; i++) {
		ssRes += (y[i] - pred[i]) ** 2;
		ssTot += (y[i] - mean) ** 2;
	}
	return 1 - ssRes / ssTot;
}

/** Standard errors of the difference of means allowed before a gap stops being noise. */
export const NOISE_STANDARD_ERRORS = 3;

export type Agreement =
	| { readonly agrees: true }
	| {
			readonly agrees: false;
			readonly oursMean: number;
			readonly theirsMean: number;
			readonly allowed: number;
	  };

function meanAndVariance(values: readonly number[]): [number, number] {
	const mean = values.reduce((s, v) => s + v, 0) / values.length;
	const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
	return [mean, values.length > 1 ? ss / (values.length - 1) : 0];
}

export function agreesInDistribution(
	ours: readonly number[],
	theirs: readonly number[],
	tolerance: number
): Agreement {
	const [oursMean, oursVar] = meanAndVariance(ours);
	const [theirsMean, theirsVar] = meanAndVariance(theirs);
	const noise = NOISE_STANDARD_ERRORS * Math.sqrt(oursVar / ours.length + theirsVar / theirs.length);
	const allowed = Math.max(tolerance, noise);
	return Math.abs(oursMean - theirsMean) <= allowed
		? { agrees: true }
		: { agrees: false, oursMean, theirsMean, allowed };
}
