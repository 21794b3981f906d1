/** What every transform reads: one dataset's closing values (or their natural log), checked for the estimate. */
import { AnalysisInputError, type AnalysisData } from '../analysis';

export interface SeriesInput {
	readonly name: string;
	readonly t: Float64Array;
	readonly values: Float64Array;
}

/**
 * The first dataset's closes, logged when `log`: refuses (AnalysisInputError) a missing dataset, fewer than
 * `minRows` values, a non-finite value, or a value ≤ 0 when a log is asked for, naming the row.
 */
export function seriesInput(
	data: AnalysisData,
	opts: { log: boolean; minRows: number; why: string }
): SeriesInput {
	const dataset = data.datasets[0];
	if (!dataset) throw new AnalysisInputError('This transform needs one dataset.');
	const { close, t } = dataset.bars;
	if (close.length < opts.minRows)
		throw new AnalysisInputError(
			`${dataset.name} has ${close.length} rows; ${opts.why} needs at least ${opts.minRows}.`
		);
	const values = new Float64Array(close.length);
	for (let i = 0; i < close.length; i++) {
		const v = close[i];
		if (!Number.isFinite(v)) throw new AnalysisInputError(`${dataset.name} has a missing value at row ${i}.`);
		if (opts.log && v <= 0)
			throw new AnalysisInputError(
				`${dataset.name} has the value ${v} at row ${i}; its logarithm is undefined (choose scale 'level').`
			);
		values[i] = opts.log ? Math.log(v) : v;
	}
	return { name: dataset.name, t, values };
}

/** Sample variance (n − 1) over the finite values; NaN with fewer than two. */
export function finiteVariance(x: Float64Array): number {
	let n = 0;
	let mean = 0;
	let m2 = 0;
	for (const v of x) {
		if (!Number.isFinite(v)) continue;
		n++;
		const d = v - mean;
		mean += d / n;
		m2 += d * (v - mean);
	}
	return n > 1 ? m2 / (n - 1) : Number.NaN;
}
