/**
 * A fold's inputs (features, targets, positions, training rows) and the fit-and-predict step every task shares.
 * The fold runner (run-fold.ts) and nested tuning (nested-tuning.ts) both call it. Pure.
 */
import { selectColumns, takeColumns } from '../domain/feature-recipe';
import { computeFeatureSpec, isRecipe } from '../domain/feature-spec';
import type { FeatureInputData } from '../domain/feature-inputs';
import type { FeatureSet } from '../domain/features';
import { takeRows, takeValues } from '../domain/matrix';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { upLabels } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import { nextDayReturns, realisedFor, rollingVariance, usableRows } from './fold-data';
import { runRegime, runSeries, type SeriesRun } from './fold-series';
import type { LoadedModel } from './registry';
import { tunedPositions } from './signal-tuning';
import { FitCancelledError, type FitContext } from './types';

export interface FoldHooks {
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
	/** Features already computed for these bars (a worker caches them across the folds of a dataset). */
	readonly features?: FeatureSet;
	/** The data of the spec's feature inputs (benchmark, macro series), when it names any. */
	readonly inputs?: readonly FeatureInputData[];
}

export interface FoldInputs {
	readonly features: FeatureSet;
	readonly y: Float64Array;
	readonly next: Float64Array;
	readonly ctx: FitContext;
	readonly positions: Float64Array | null;
	readonly tunedInfo: Record<string, string | number> | null;
	readonly baseline: Float64Array | null;
	readonly trainRows: number[];
}

export function foldInputs(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	hooks: FoldHooks
): FoldInputs {
	const impl = loaded.implementation;
	// Every model honours cancellation before it starts, whether or not it checks between its own iterations.
	if (hooks.isCancelled?.()) throw new FitCancelledError();
	const all = hooks.features ?? computeFeatureSpec(spec.features, bars, hooks.inputs);
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
	const trainRows = usableRows(all.matrix, y, y, fold.trainStart, fold.trainEnd);
	const features = foldFeatures(spec, all, trainRows);
	return { features, y, next, ctx, positions, tunedInfo: tuned?.info ?? null, baseline, trainRows };
}

/**
 * A generated set's columns for this fold: those its selection keeps on the fold's training rows only
 * (domain/feature-recipe.ts selectColumns); a named set's columns as they are.
 */
export function foldFeatures(spec: TrialSpec, all: FeatureSet, trainRows: readonly number[]): FeatureSet {
	if (!isRecipe(spec.features)) return all;
	const keep = selectColumns(all.matrix, trainRows, spec.features.selection);
	return { names: keep.map((c) => all.names[c]), matrix: takeColumns(all.matrix, keep) };
}

export interface ModelRun extends SeriesRun {
	aux: Float64Array | null;
	importance: Float64Array | null;
	nTrain: number;
}

/**
 * Fits the model on the fold's training rows and predicts `testRows`. `realised` holds each test row's realised
 * target (NaN where it is not known yet); only an online learner reads it, and only for targets already known.
 */
export async function fitAndPredict(
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
