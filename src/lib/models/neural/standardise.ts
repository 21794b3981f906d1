/**
 * Column standardisation for neural learners. Networks train badly on raw features of mixed scale and on
 * targets of ±0.03 (the loss is ~1e-4 and Adam's steps dwarf it), so X and y are z-scored with statistics
 * of the training rows only and predictions are mapped back.
 */
import type { Matrix } from '../../domain/matrix';

export interface ColumnScaler {
	readonly mean: Float64Array;
	/** Population standard deviation; 1 where a column is constant, so it maps to 0 rather than NaN. */
	readonly std: Float64Array;
}

function scaleOrOne(variance: number): number {
	const sd = Math.sqrt(variance);
	return sd > 0 && Number.isFinite(sd) ? sd : 1;
}

/** Throws on NaN or ±Infinity: one bad value would silently turn every weight into NaN. */
function assertFinite(values: Float64Array, what: string): void {
	for (let i = 0; i < values.length; i++) {
		if (!Number.isFinite(values[i])) throw new RangeError(`${what} holds a non-finite value at index ${i}`);
	}
}

export function fitColumnScaler(X: Matrix): ColumnScaler {
	assertFinite(X.data, 'X');
	const { rows, cols, data } = X;
	const mean = new Float64Array(cols);
	const std = new Float64Array(cols);
	for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += data[r * cols + c];
	for (let c = 0; c < cols; c++) mean[c] /= Math.max(rows, 1);
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) std[c] += (data[r * cols + c] - mean[c]) ** 2;
	}
	for (let c = 0; c < cols; c++) std[c] = scaleOrOne(std[c] / Math.max(rows, 1));
	return { mean, std };
}

/** Row-major float32 copy of X, z-scored (TF.js computes in float32). */
export function applyColumnScaler(X: Matrix, scaler: ColumnScaler): Float32Array {
	const { rows, cols, data } = X;
	const out = new Float32Array(rows * cols);
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const i = r * cols + c;
			out[i] = (data[i] - scaler.mean[c]) / scaler.std[c];
		}
	}
	return out;
}

export interface ValueScaler {
	readonly mean: number;
	readonly std: number;
}

export function fitValueScaler(y: Float64Array): ValueScaler {
	assertFinite(y, 'y');
	let sum = 0;
	for (let i = 0; i < y.length; i++) sum += y[i];
	const mean = sum / Math.max(y.length, 1);
	let ss = 0;
	for (let i = 0; i < y.length; i++) ss += (y[i] - mean) ** 2;
	return { mean, std: scaleOrOne(ss / Math.max(y.length, 1)) };
}
