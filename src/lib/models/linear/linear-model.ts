/** What the linear learners (ridge, elastic net) share once fitted: prediction on the raw scale, and checks. */
import type { Matrix } from '../../domain/matrix';

/** intercept + X · coefficients per row. A NaN feature gives a NaN prediction: there is no sensible linear default. */
export function linearPredict(Xp: Matrix, coefficients: Float64Array, intercept: number): Float64Array {
	const p = coefficients.length;
	if (Xp.cols !== p) throw new RangeError(`model was fitted on ${p} columns, got ${Xp.cols}`);
	const out = new Float64Array(Xp.rows);
	for (let i = 0; i < Xp.rows; i++) {
		let s = intercept;
		const base = i * p;
		for (let j = 0; j < p; j++) s += Xp.data[base + j] * coefficients[j];
		out[i] = s;
	}
	return out;
}

/** True when column j of a row-major n × p matrix holds more than one value (checked exactly). */
export function columnVaries(data: Float64Array, n: number, p: number, j: number): boolean {
	for (let i = 1; i < n; i++) if (data[i * p + j] !== data[j]) return true;
	return false;
}
