/**
 * One fold of a walk-forward trial, start to finish: causal features → target → train/test rows → fit →
 * predict → metrics. Pure and deterministic for (spec, fold, bars): the worker runs it, and so can a test.
 */
import { computeFeatures, rowIsComplete, type FeatureSet } from '../domain/features';
import { takeRows, takeValues, type Matrix } from '../domain/matrix';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { forwardLogReturn, target } from '../domain/targets';
import { scoreTask, upLabels, type TaskMetrics } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import type { LoadedModel } from './registry';
import { FitCancelledError } from './types';

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

/** What the model sees as its outcome: classifiers are scored against the forward return, labelled by sign. */
function realisedFor(spec: TrialSpec, task: string, close: Float64Array): Float64Array {
	return task === 'classification'
		? forwardLogReturn(close, spec.target.horizon)
		: target(spec.target.kind, close, spec.target.horizon);
}

export async function runFold(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	hooks: FoldHooks = {}
): Promise<FoldOutput> {
	const impl = loaded.implementation;
	// Every model honours cancellation before it starts, whether or not it checks between its own iterations.
	if (hooks.isCancelled?.()) throw new FitCancelledError();
	const features = hooks.features ?? computeFeatures(bars);
	const y = realisedFor(spec, impl.task, bars.close);
	const next = nextDayReturns(bars.close);
	const rng = createRng(spec.seed).fork(`fold:${fold.index}`);
	// A signal's positions over every bar (causal, so later bars change nothing earlier); rows where it has too
	// little history are left out of the test like rows without complete features.
	const positions =
		impl.kind === 'signal'
			? impl.positions(bars, spec.model.params, {
					trainStart: fold.trainStart,
					trainEnd: fold.trainEnd,
					rng,
					onProgress: hooks.onProgress,
					isCancelled: hooks.isCancelled
				})
			: null;
	const trainRows = usableRows(features.matrix, y, y, fold.trainStart, fold.trainEnd);
	const testRows = usableRows(features.matrix, y, positions ?? next, fold.testStart, fold.testEnd).filter(
		(r) => Number.isFinite(next[r])
	);
	if (impl.kind === 'learner' && trainRows.length < 2)
		throw new Error(`fold ${fold.index} has ${trainRows.length} usable training rows`);
	if (testRows.length < 1) throw new Error(`fold ${fold.index} has no usable test rows`);

	const realised = takeValues(y, testRows);
	const nextReturn = takeValues(next, testRows);
	let predicted: Float64Array;
	let importance: Float64Array | null = null;
	let info: Record<string, string | number> = {};
	let fitMs = 0;
	let predictMs: number;
	if (impl.kind === 'signal') {
		const start = performance.now();
		predicted = takeValues(positions!, testRows);
		predictMs = performance.now() - start;
		for (let i = 0; i < predicted.length; i++) {
			if (!(predicted[i] >= -1 && predicted[i] <= 1)) {
				throw new Error(
					`${impl.id} returned position ${predicted[i]} for test row ${i}; positions lie in [−1, 1]`
				);
			}
		}
	} else {
		const Xtr = takeRows(features.matrix, trainRows);
		const yTrain = takeValues(y, trainRows);
		const ytr = impl.task === 'classification' ? upLabels(yTrain) : yTrain;
		const Xte = takeRows(features.matrix, testRows);
		const fitStart = performance.now();
		const model = await impl.fit(Xtr, ytr, spec.model.params, {
			rng,
			onProgress: hooks.onProgress,
			isCancelled: hooks.isCancelled
		});
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
		for (let i = 0; i < predicted.length; i++) {
			if (!Number.isFinite(predicted[i])) {
				throw new Error(`the model predicted ${predicted[i]} for test row ${i}; the fit diverged`);
			}
		}
	}
	hooks.onProgress?.(1);
	return {
		nTrain: trainRows.length,
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
		metrics: scoreTask(impl.task, realised, predicted, nextReturn, spec.strategy),
		importance,
		fitMs,
		predictMs,
		backend: loaded.runtime.backend,
		modelInfo: info
	};
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
