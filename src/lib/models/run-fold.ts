/**
 * One fold of a walk-forward trial, start to finish: causal features → target → train/test rows → fit →
 * predict → metrics. Pure and deterministic for (spec, fold, bars): the worker runs it, and so can a test.
 */
import { computeFeatures, rowIsComplete, type FeatureSet } from '../domain/features';
import { matrix, takeRows, takeValues, type Matrix } from '../domain/matrix';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { forwardLogReturn, target } from '../domain/targets';
import { scoreTask, upLabels, VOL_BASELINE_DAYS, type TaskMetrics } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import type { LoadedModel } from './registry';
import type { ErasedForecaster, ErasedRegime, SeriesInput } from './seam';
import { tunedPositions } from './signal-tuning';
import { FitCancelledError, type FitContext } from './types';

export interface FoldOutput {
	readonly nTrain: number;
	readonly nTest: number;
	readonly trainStartT: number;
	readonly trainEndT: number;
	readonly testStartT: number;
	readonly testEndT: number;
	readonly t: Float64Array;
	readonly row: Float64Array;
	/** The model's output per test row: a predicted target, a probability of an up move, or a position. */
	readonly predicted: Float64Array;
	/** The realised outcome per test row (domain/task-metrics.ts says which, by task). */
	readonly realised: Float64Array;
	readonly nextReturn: Float64Array;
	/** The task's second value per test row (domain/task-metrics.ts), or null. */
	readonly aux: Float64Array | null;
	readonly metrics: TaskMetrics;
	readonly importance: Float64Array | null;
	readonly fitMs: number;
	readonly predictMs: number;
	readonly backend: string;
	readonly modelInfo: Record<string, string | number>;
}

export interface FoldHooks {
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
	/** Features already computed for these bars (a worker caches them across the folds of a dataset). */
	readonly features?: FeatureSet;
}

/** Simple return earned by holding from close t to close t + 1; NaN on the last bar. */
export function nextDayReturns(close: Float64Array): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 0; t + 1 < close.length; t++) out[t] = close[t + 1] / close[t] - 1;
	return out;
}

function usableRows(
	features: Matrix,
	y: Float64Array,
	extra: Float64Array,
	from: number,
	to: number
): number[] {
	const rows: number[] = [];
	for (let r = from; r < to; r++) {
		if (rowIsComplete(features, r) && Number.isFinite(y[r]) && Number.isFinite(extra[r])) rows.push(r);
	}
	return rows;
}

/** Daily log returns; NaN on the first bar. */
export function logReturns(close: Float64Array): Float64Array {
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 1; t < close.length; t++) out[t] = Math.log(close[t] / close[t - 1]);
	return out;
}

/** Mean squared daily log return over the next h days (t+1 … t+h): the realised daily variance; NaN at the end. */
export function forwardRealisedVariance(close: Float64Array, horizon: number): Float64Array {
	const r = logReturns(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = 0; t + horizon < close.length; t++) {
		let sum = 0;
		for (let k = 1; k <= horizon; k++) sum += r[t + k] ** 2;
		out[t] = sum / horizon;
	}
	return out;
}

/** The volatility baseline: mean squared daily log return over the last VOL_BASELINE_DAYS days up to t. */
export function rollingVariance(close: Float64Array): Float64Array {
	const r = logReturns(close);
	const out = new Float64Array(close.length).fill(Number.NaN);
	for (let t = VOL_BASELINE_DAYS; t < close.length; t++) {
		let sum = 0;
		for (let k = 0; k < VOL_BASELINE_DAYS; k++) sum += r[t - k] ** 2;
		out[t] = sum / VOL_BASELINE_DAYS;
	}
	return out;
}

/** What the model sees as its outcome: classifiers are scored against the forward return, labelled by sign. */
function realisedFor(spec: TrialSpec, task: string, close: Float64Array): Float64Array {
	if (task === 'volatility_forecast') return forwardRealisedVariance(close, spec.target.horizon);
	return task === 'classification' || task === 'forecast'
		? forwardLogReturn(close, spec.target.horizon)
		: target(spec.target.kind, close, spec.target.horizon);
}

/** The series a series model reads, over every bar: log closes, or daily log returns (NaN on the first bar). */
export function seriesOf(input: SeriesInput, close: Float64Array): Float64Array {
	if (input === 'log_return') return logReturns(close);
	return Float64Array.from(close, (c, i) => {
		if (!(c > 0)) throw new RangeError(`close ${i} is ${c}; a model of log prices needs positive closes`);
		return Math.log(c);
	});
}

interface SeriesRun {
	predicted: Float64Array;
	info: Record<string, string | number>;
	fitMs: number;
	predictMs: number;
}

/** Fits a forecaster or volatility model on the training window and forecasts from every test row. */
async function runSeries(
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

interface RegimeRun extends SeriesRun {
	aux: Float64Array;
}

/**
 * Fits a regime or clustering model on the training rows, assigns states causally to the training and test
 * rows, numbers the states by their training-window volatility (0 = calmest), and takes the regime rule's
 * position in each: long where the state's training-window mean next-day return is positive, short in the
 * others under long_short, flat under long_flat; flat in a state never seen in training.
 */
async function runRegime(
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
interface FoldInputs {
	readonly features: FeatureSet;
	readonly y: Float64Array;
	readonly next: Float64Array;
	readonly ctx: FitContext;
	readonly positions: Float64Array | null;
	readonly tunedInfo: Record<string, string | number> | null;
	readonly baseline: Float64Array | null;
	readonly trainRows: number[];
}

function foldInputs(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	hooks: FoldHooks
): FoldInputs {
	const impl = loaded.implementation;
	// Every model honours cancellation before it starts, whether or not it checks between its own iterations.
	if (hooks.isCancelled?.()) throw new FitCancelledError();
	const features = hooks.features ?? computeFeatures(bars);
	const y = realisedFor(spec, impl.task, bars.close);
	const next = nextDayReturns(bars.close);
	const rng = createRng(spec.seed).fork(`fold:${fold.index}`);
	const ctx = { rng, onProgress: hooks.onProgress, isCancelled: hooks.isCancelled };
	// A signal's positions over every bar (causal, so later bars change nothing earlier); rows where it has too
	// little history are left out of the test like rows without complete features.
	const signalCtx = { trainStart: fold.trainStart, trainEnd: fold.trainEnd, ...ctx };
	const tuned =
		impl.kind === 'signal' && spec.model.tune
			? tunedPositions(impl, bars, spec, spec.model.tune, fold, next, signalCtx)
			: null;
	const positions =
		impl.kind === 'signal' ? (tuned?.positions ?? impl.positions(bars, spec.model.params, signalCtx)) : null;
	const baseline = impl.task === 'volatility_forecast' ? rollingVariance(bars.close) : null;
	const trainRows = usableRows(features.matrix, y, y, fold.trainStart, fold.trainEnd);
	return { features, y, next, ctx, positions, tunedInfo: tuned?.info ?? null, baseline, trainRows };
}

interface ModelRun extends SeriesRun {
	aux: Float64Array | null;
	importance: Float64Array | null;
	nTrain: number;
}

/**
 * Fits the model on the fold's training rows and predicts `testRows`. `realised` holds each test row's realised
 * target (NaN where it is not known yet); only an online learner reads it, and only for targets already known.
 */
async function fitAndPredict(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	inputs: FoldInputs,
	testRows: readonly number[],
	realised: Float64Array
): Promise<ModelRun> {
	const impl = loaded.implementation;
	const { features, y, next, ctx, positions, trainRows } = inputs;
	let predicted: Float64Array;
	let aux: Float64Array | null = null;
	let importance: Float64Array | null = null;
	let info: Record<string, string | number>;
	let fitMs = 0;
	let predictMs: number;
	let nTrain = trainRows.length;
	if (impl.kind === 'signal') {
		const start = performance.now();
		info = { ...(inputs.tunedInfo ?? {}) };
		predicted = takeValues(positions!, testRows);
		predictMs = performance.now() - start;
		for (let i = 0; i < predicted.length; i++) {
			if (!(predicted[i] >= -1 && predicted[i] <= 1)) {
				throw new Error(
					`${impl.id} returned position ${predicted[i]} for test row ${i}; positions lie in [−1, 1]`
				);
			}
		}
	} else if (impl.task === 'forecast' || impl.task === 'volatility_forecast') {
		const run = await runSeries(impl, spec, fold, bars, testRows, ctx);
		({ predicted, info, fitMs, predictMs } = run);
		nTrain = fold.trainEnd - (impl.input === 'log_return' ? Math.max(1, fold.trainStart) : fold.trainStart);
		if (inputs.baseline) aux = takeValues(inputs.baseline, testRows);
	} else if (impl.task === 'regime' || impl.task === 'clustering') {
		const run = await runRegime(impl, spec, fold, bars, features.matrix, trainRows, testRows, next, ctx);
		({ predicted, info, fitMs, predictMs, aux } = run);
	} else if (impl.task === 'regression' || impl.task === 'classification') {
		const Xtr = takeRows(features.matrix, trainRows);
		const yTrain = takeValues(y, trainRows);
		const ytr = impl.task === 'classification' ? upLabels(yTrain) : yTrain;
		const Xte = takeRows(features.matrix, testRows);
		const fitStart = performance.now();
		const model = await impl.fit(Xtr, ytr, spec.model.params, ctx);
		fitMs = performance.now() - fitStart;
		try {
			const predictStart = performance.now();
			const yTest = impl.task === 'classification' ? upLabels(realised) : realised;
			predicted = model.predictOnline
				? Float64Array.from(model.predictOnline(Xte, yTest, Float64Array.from(testRows), spec.target.horizon))
				: Float64Array.from(await model.predict(Xte));
			predictMs = performance.now() - predictStart;
			importance = model.importance ? model.importance() : null;
			info = { ...(model.info ?? {}) };
		} finally {
			model.dispose?.();
		}
	} else {
		throw new Error(`${impl.id} has task ${impl.task}, which the fold runner cannot score`);
	}
	return { predicted, aux, importance, info, fitMs, predictMs, nTrain };
}

export async function runFold(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	hooks: FoldHooks = {}
): Promise<FoldOutput> {
	const impl = loaded.implementation;
	const inputs = foldInputs(spec, fold, bars, loaded, hooks);
	const { features, y, next, positions, baseline, trainRows } = inputs;
	const testRows = usableRows(
		features.matrix,
		y,
		positions ?? baseline ?? next,
		fold.testStart,
		fold.testEnd
	).filter((r) => Number.isFinite(next[r]));
	if (impl.kind === 'learner' && trainRows.length < 2)
		throw new Error(`fold ${fold.index} has ${trainRows.length} usable training rows`);
	if (testRows.length < 1) throw new Error(`fold ${fold.index} has no usable test rows`);

	if (impl.kind === 'analysis')
		throw new Error(`${impl.id} has task ${impl.task}, which the fold runner cannot score`);

	const realised = takeValues(y, testRows);
	const nextReturn = takeValues(next, testRows);
	const run = await fitAndPredict(spec, fold, bars, loaded, inputs, testRows, realised);
	const { predicted, aux } = run;
	for (let i = 0; i < predicted.length; i++) {
		if (!Number.isFinite(predicted[i])) {
			throw new Error(`the model predicted ${predicted[i]} for test row ${i}; the fit diverged`);
		}
	}
	hooks.onProgress?.(1);
	return {
		nTrain: run.nTrain,
		nTest: testRows.length,
		trainStartT: trainRows.length ? bars.t[trainRows[0]] : bars.t[fold.trainStart],
		trainEndT: trainRows.length ? bars.t[trainRows[trainRows.length - 1]] : bars.t[fold.trainEnd - 1],
		testStartT: bars.t[testRows[0]],
		testEndT: bars.t[testRows[testRows.length - 1]],
		t: Float64Array.from(testRows, (r) => bars.t[r]),
		row: Float64Array.from(testRows),
		predicted,
		realised,
		nextReturn,
		aux,
		metrics: scoreTask(impl.task, realised, predicted, nextReturn, spec.strategy, aux),
		importance: run.importance,
		fitMs: run.fitMs,
		predictMs: run.predictMs,
		backend: loaded.runtime.backend,
		modelInfo: run.info
	};
}

/**
 * Predict only: the model's output for chosen test rows of a fold, fitted exactly as runFold fits it, whether or
 * not the rows' realised targets exist in `bars` (the look-ahead check runs it on bars cut just after a test
 * row, where the targets are not known yet). `rows` are ascending bar indices in [testStart, testEnd) that
 * exist in `bars`. A row these bars cannot feed to the model (features incomplete, a signal or volatility
 * baseline without a value) gets NaN and is left out of the fit's test rows; nothing is scored or range-checked.
 */
export async function predictFoldRows(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	rows: readonly number[],
	hooks: FoldHooks = {}
): Promise<Float64Array> {
	const end = Math.min(fold.testEnd, bars.t.length);
	rows.forEach((r, i) => {
		if (!Number.isInteger(r) || r < fold.testStart || r >= end || (i > 0 && r <= rows[i - 1])) {
			throw new RangeError(
				`rows[${i}] is ${r}; rows are ascending test rows of fold ${fold.index} in [${fold.testStart}, ${end})`
			);
		}
	});
	const inputs = foldInputs(spec, fold, bars, loaded, hooks);
	const { features, y, positions, baseline, trainRows } = inputs;
	const extra = positions ?? baseline;
	const usable = rows.filter(
		(r) => rowIsComplete(features.matrix, r) && (!extra || Number.isFinite(extra[r]))
	);
	const out = new Float64Array(rows.length).fill(Number.NaN);
	if (usable.length === 0) return out;
	if (loaded.implementation.kind === 'learner' && trainRows.length < 2)
		throw new Error(`fold ${fold.index} has ${trainRows.length} usable training rows`);
	const run = await fitAndPredict(spec, fold, bars, loaded, inputs, usable, takeValues(y, usable));
	const at = new Map(usable.map((r, i) => [r, run.predicted[i]]));
	rows.forEach((r, i) => (out[i] = at.get(r) ?? Number.NaN));
	return out;
}

/** Runs a fold and, for learners with native memory, records how many tensors are still alive afterwards. */
export async function runFoldChecked(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	hooks: FoldHooks = {}
): Promise<FoldOutput> {
	const out = await runFold(spec, fold, bars, loaded, hooks);
	const live = loaded.runtime.liveTensors;
	if (!live) return out;
	return { ...out, modelInfo: { ...out.modelInfo, liveTensors: live() } };
}
