/**
 * Quantile binning for histogram trees, following scikit-learn's `_BinMapper` so that our GBM and
 * HistGradientBoostingRegressor see the same candidate splits:
 * - a feature with ≤ maxBins distinct values gets thresholds at the midpoints between consecutive distinct values;
 * - otherwise thresholds are the (1/maxBins … (maxBins−1)/maxBins) percentiles of the training values, numpy's
 *   'midpoint' method, with duplicates removed.
 * Thresholds come from training rows only. A value v gets code = number of thresholds < v, so "code ≤ b" and
 * "v ≤ thresholds[b]" are the same test: predict can compare raw values and agree with training bit for bit.
 * NaN is missing and gets the reserved code {@link BinMapper.missingBin} (= maxBins); ±Infinity are ordinary
 * values in the first or last bin.
 */
import type { Matrix } from '../../domain/matrix';

/** Codes are Uint8 and the top code is reserved for missing values, so at most 255 value bins. */
export const MAX_BINS_LIMIT = 255;

export interface BinMapper {
	/** Ascending thresholds per feature; feature f has thresholds[f].length + 1 value bins. */
	readonly thresholds: readonly Float64Array[];
	/** Value bins per feature (excluding the missing bin). */
	readonly nBins: Int32Array;
	/** The code given to NaN in every feature. */
	readonly missingBin: number;
}

export function fitBinMapper(X: Matrix, maxBins: number): BinMapper {
	if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS_LIMIT) {
		throw new RangeError(`max_bins must be a whole number from 2 to ${MAX_BINS_LIMIT}, got ${maxBins}`);
	}
	const { rows: n, cols: p, data } = X;
	const thresholds: Float64Array[] = [];
	const nBins = new Int32Array(p);
	const column = new Float64Array(n);
	for (let f = 0; f < p; f++) {
		let m = 0;
		for (let i = 0; i < n; i++) {
			const v = data[i * p + f];
			if (v === v) column[m++] = v;
		}
		const t = featureThresholds(column.subarray(0, m).sort(), maxBins);
		thresholds.push(t);
		nBins[f] = t.length + 1;
	}
	return { thresholds, nBins, missingBin: maxBins };
}

/** Thresholds for one feature from its sorted non-missing training values. */
export function featureThresholds(sorted: Float64Array, maxBins: number): Float64Array {
	const n = sorted.length;
	if (n === 0) return new Float64Array(0);
	const distinct: number[] = [sorted[0]];
	for (let i = 1; i < n && distinct.length <= maxBins; i++) {
		if (sorted[i] !== distinct[distinct.length - 1]) distinct.push(sorted[i]);
	}
	const raw: number[] = [];
	if (distinct.length <= maxBins) {
		for (let i = 0; i + 1 < distinct.length; i++) raw.push((distinct[i] + distinct[i + 1]) * 0.5);
	} else {
		// numpy.linspace(0, 100, maxBins + 1)[1:-1] / 100, then percentile(method='midpoint') on the sorted values.
		const step = 100 / maxBins;
		for (let k = 1; k < maxBins; k++) {
			const index = (n - 1) * ((k * step) / 100);
			const lo = Math.floor(index);
			if (index === lo) {
				raw.push(sorted[lo]);
			} else {
				const a = sorted[lo];
				const b = sorted[Math.min(lo + 1, n - 1)];
				raw.push(b - (b - a) * 0.5);
			}
		}
	}
	const out: number[] = [];
	for (const t of raw) {
		// Midpoints involving ±Infinity are clipped to finite values so the binning/threshold identity holds.
		const v = Number.isNaN(t) ? 0 : Math.min(Math.max(t, -Number.MAX_VALUE), Number.MAX_VALUE);
		if (out.length === 0 || v > out[out.length - 1]) out.push(v);
	}
	return Float64Array.from(out);
}

/** Row-major codes (rows × cols): code = number of thresholds strictly below the value; NaN → missingBin. */
export function binMatrix(X: Matrix, mapper: BinMapper): Uint8Array {
	const { rows: n, cols: p, data } = X;
	if (p !== mapper.nBins.length) {
		throw new RangeError(`bin mapper was fitted on ${mapper.nBins.length} columns, got ${p}`);
	}
	const codes = new Uint8Array(n * p);
	for (let f = 0; f < p; f++) {
		const t = mapper.thresholds[f];
		const nt = t.length;
		for (let i = 0; i < n; i++) {
			const v = data[i * p + f];
			if (v !== v) {
				codes[i * p + f] = mapper.missingBin;
				continue;
			}
			let lo = 0;
			let hi = nt;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (v <= t[mid]) hi = mid;
				else lo = mid + 1;
			}
			codes[i * p + f] = lo;
		}
	}
	return codes;
}
