/**
 * How a series model (forecaster, volatility model) and a regime or clustering model are fitted on a fold's
 * training window and read on its test rows. Pure and deterministic for their inputs.
 */
import { matrix, takeRows, type Matrix } from '../domain/matrix';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { logReturns, seriesOf } from './fold-data';
import type { ErasedForecaster, ErasedRegime } from './seam';

export interface SeriesRun {
	predicted: Float64Array;
	info: Record<string, string | number>;
	fitMs: number;
	predictMs: number;
}

/** Fits a forecaster or volatility model on the training window and forecasts from every test row. */
export async function runSeries(
	impl: ErasedForecaster,
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	testRows: readonly number[],
	ctx: Parameters<ErasedForecaster['fitSeries']>[2]
): Promise<SeriesRun> {
	const h = spec.target.horizon;
	const series = seriesOf(impl.input, bars.close);
	// Returns start at bar 1; the training window starts where the series is defined.
	const start = impl.input === 'log_return' ? Math.max(1, fold.trainStart) : fold.trainStart;
	if (fold.trainEnd - start < 2)
		throw new Error(`fold ${fold.index} has ${fold.trainEnd - start} training values`);
	const fitStart = performance.now();
	const model = await impl.fitSeries(series.slice(start, fold.trainEnd), spec.model.params, ctx);
	const fitMs = performance.now() - fitStart;
	const first = testRows[0];
	const last = testRows[testRows.length - 1];
	const predictStart = performance.now();
	const paths = model.forecast(series.slice(start, last + 1), first - start, h);
	if (paths.length !== (last + 1 - first) * h) {
		throw new Error(`${impl.id} returned ${paths.length} forecasts; ${(last + 1 - first) * h} were due`);
	}
	const predicted = new Float64Array(testRows.length);
	testRows.forEach((r, i) => {
		const o = (r - first) * h;
		let value: number;
		if (impl.task === 'volatility_forecast') {
			let sum = 0;
			for (let k = 0; k < h; k++) sum += paths[o + k];
			value = sum / h;
			if (!(value >= 0)) throw new Error(`${impl.id} forecast a variance of ${value} for test row ${i}`);
		} else if (impl.input === 'log_close') {
			value = paths[o + h - 1] - series[r];
		} else {
			value = 0;
			for (let k = 0; k < h; k++) value += paths[o + k];
		}
		predicted[i] = value;
	});
	return { predicted, info: { ...(model.info ?? {}) }, fitMs, predictMs: performance.now() - predictStart };
}

export interface RegimeRun extends SeriesRun {
	aux: Float64Array;
}

/**
 * Fits a regime or clustering model on the training rows, assigns states causally to the training and test
 * rows, numbers the states by their training-window volatility (0 = calmest), and takes the regime rule's
 * position in each: long where the state's training-window mean next-day return is positive, short in the
 * others under long_short, flat under long_flat; flat in a state never seen in training.
 */
export async function runRegime(
	impl: ErasedRegime,
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	features: Matrix,
	trainRows: readonly number[],
	testRows: readonly number[],
	next: Float64Array,
	ctx: Parameters<ErasedRegime['fitRegime']>[2]
): Promise<RegimeRun> {
	let trainX: Matrix;
	let allX: Matrix;
	// Index of each train and test row in allX.
	let trainAt: number[];
	let testAt: number[];
	if (impl.input === 'log_return') {
		const r = logReturns(bars.close);
		const start = Math.max(1, fold.trainStart);
		const last = testRows[testRows.length - 1];
		trainX = matrix(r.slice(start, fold.trainEnd), fold.trainEnd - start, 1);
		allX = matrix(r.slice(start, last + 1), last + 1 - start, 1);
		trainAt = trainRows.filter((row) => row >= start).map((row) => row - start);
		testAt = testRows.map((row) => row - start);
	} else {
		trainX = takeRows(features, trainRows);
		allX = takeRows(features, [...trainRows, ...testRows]);
		trainAt = trainRows.map((_, i) => i);
		testAt = testRows.map((_, i) => trainRows.length + i);
	}
	const fitStart = performance.now();
	const model = await impl.fitRegime(trainX, spec.model.params, ctx);
	const fitMs = performance.now() - fitStart;
	const predictStart = performance.now();
	const states = model.assign(allX);
	if (states.length !== allX.rows) {
		throw new Error(`${impl.id} assigned ${states.length} states to ${allX.rows} rows`);
	}
	const k = model.states;
	for (let i = 0; i < states.length; i++) {
		if (!(Number.isInteger(states[i]) && states[i] >= 0 && states[i] < k)) {
			throw new Error(`${impl.id} assigned state ${states[i]} to row ${i}; states are 0 … ${k - 1}`);
		}
	}
	// Training-window statistics of each raw state from the next-day returns of the rows in it.
	const n = new Float64Array(k);
	const sum = new Float64Array(k);
	const sumSq = new Float64Array(k);
	const trainRowList =
		impl.input === 'log_return' ? trainRows.filter((row) => row >= Math.max(1, fold.trainStart)) : trainRows;
	trainAt.forEach((at, i) => {
		const ret = next[trainRowList[i]];
		if (!Number.isFinite(ret)) return;
		n[states[at]]++;
		sum[states[at]] += ret;
		sumSq[states[at]] += ret * ret;
	});
	const vol = (s: number): number =>
		n[s] > 1 ? (sumSq[s] - (sum[s] * sum[s]) / n[s]) / (n[s] - 1) : Infinity;
	const order = Array.from({ length: k }, (_, s) => s).sort((a, b) => vol(a) - vol(b) || a - b);
	const label = new Int32Array(k);
	order.forEach((raw, i) => (label[raw] = i));
	const short = spec.strategy.mode === 'long_short' ? -1 : 0;
	const position = Array.from({ length: k }, (_, s) => (n[s] === 0 ? 0 : sum[s] > 0 ? 1 : short));
	const predicted = Float64Array.from(testAt, (at) => label[states[at]]);
	const aux = Float64Array.from(testAt, (at) => position[states[at]]);
	const longStates = order.filter((raw) => position[raw] > 0).map((raw) => label[raw]);
	return {
		predicted,
		aux,
		info: { ...(model.info ?? {}), states: k, longStates: longStates.join(',') || 'none' },
		fitMs,
		predictMs: performance.now() - predictStart
	};
}

/** What a fold needs before any test row is chosen: features, targets, positions and training rows. */
