/**
 * One fold of a walk-forward trial, start to finish: causal features → target → train/test rows → fit →
 * predict → metrics. Pure and deterministic for (spec, fold, bars): the worker runs it, and so can a test.
 */
import { computeFeatures, rowIsComplete, type FeatureSet } from '../domain/features';
import { takeRows, takeValues, type Matrix } from '../domain/matrix';
import {
	performance as scorePerformance,
	positionsFromPredictions,
	regressionMetrics,
	strategyReturns,
	type PerformanceMetrics,
	type RegressionMetrics
} from '../domain/metrics';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { target } from '../domain/targets';
import type { TrialSpec } from '../domain/trial-spec';
import type { LoadedLearner } from './registry';

export interface FoldOutput {
	readonly nTrain: number;
	readonly nTest: number;
	readonly trainStartT: number;
	readonly trainEndT: number;
	readonly testStartT: number;
	readonly testEndT: number;
	readonly t: Float64Array;
	readonly row: Float64Array;
	readonly predicted: Float64Array;
	readonly realised: Float64Array;
	readonly nextReturn: Float64Array;
	readonly metrics: {
		readonly regression: RegressionMetrics;
		readonly strategy: PerformanceMetrics;
		readonly buyHold: PerformanceMetrics;
	};
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

export async function runFold(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedLearner,
	hooks: FoldHooks = {}
): Promise<FoldOutput> {
	const features = hooks.features ?? computeFeatures(bars);
	const y = target(spec.target.kind, bars.close, spec.target.horizon);
	const next = nextDayReturns(bars.close);
	const trainRows = usableRows(features.matrix, y, y, fold.trainStart, fold.trainEnd);
	const testRows = usableRows(features.matrix, y, next, fold.testStart, fold.testEnd);
	if (trainRows.length < 2)
		throw new Error(`fold ${fold.index} has ${trainRows.length} usable training rows`);
	if (testRows.length < 1) throw new Error(`fold ${fold.index} has no usable test rows`);

	const Xtr = takeRows(features.matrix, trainRows);
	const ytr = takeValues(y, trainRows);
	const Xte = takeRows(features.matrix, testRows);
	const realised = takeValues(y, testRows);
	const nextReturn = takeValues(next, testRows);

	const rng = createRng(spec.seed).fork(`fold:${fold.index}`);
	const fitStart = performance.now();
	const model = await loaded.learner.fit(Xtr, ytr, spec.model.params as never, {
		rng,
		onProgress: hooks.onProgress,
		isCancelled: hooks.isCancelled
	});
	const fitMs = performance.now() - fitStart;
	try {
		const predictStart = performance.now();
		const predicted = Float64Array.from(await model.predict(Xte));
		const predictMs = performance.now() - predictStart;
		for (let i = 0; i < predicted.length; i++) {
			if (!Number.isFinite(predicted[i])) {
				throw new Error(`the model predicted ${predicted[i]} for test row ${i}; the fit diverged`);
			}
		}
		const positions = positionsFromPredictions(predicted, spec.strategy.mode);
		const strat = strategyReturns(positions, nextReturn, spec.strategy.costBps);
		return {
			nTrain: trainRows.length,
			nTest: testRows.length,
			trainStartT: bars.t[trainRows[0]],
			trainEndT: bars.t[trainRows[trainRows.length - 1]],
			testStartT: bars.t[testRows[0]],
			testEndT: bars.t[testRows[testRows.length - 1]],
			t: Float64Array.from(testRows, (r) => bars.t[r]),
			row: Float64Array.from(testRows),
			predicted,
			realised,
			nextReturn,
			metrics: {
				regression: regressionMetrics(realised, predicted),
				strategy: scorePerformance(strat.net, { turnover: strat.turnover }),
				buyHold: scorePerformance(nextReturn)
			},
			importance: model.importance ? model.importance() : null,
			fitMs,
			predictMs,
			backend: loaded.backend,
			modelInfo: { ...(model.info ?? {}) }
		};
	} finally {
		model.dispose?.();
	}
}

/** Runs a fold and, for learners with native memory, records how many tensors are still alive afterwards. */
export async function runFoldChecked(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedLearner,
	hooks: FoldHooks = {}
): Promise<FoldOutput> {
	const out = await runFold(spec, fold, bars, loaded, hooks);
	if (!loaded.liveTensors) return out;
	return { ...out, modelInfo: { ...out.modelInfo, liveTensors: loaded.liveTensors() } };
}
