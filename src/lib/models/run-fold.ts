/**
 * One fold of a walk-forward trial, start to finish: causal features → target → train/test rows → fit →
 * predict → metrics. Pure and deterministic for (spec, fold, bars): the worker runs it, and so can a test.
 */
import { rowIsComplete } from '../domain/features';
import { takeValues } from '../domain/matrix';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { scoreTask, type TaskMetrics } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import { usableRows } from './fold-data';
import { fitAndPredict, foldInputs, type FoldHooks, type FoldInputs, type ModelRun } from './fold-fit';
import { nestedChoice, withParams } from './nested-tuning';
import type { LoadedModel } from './registry';

export { forwardRealisedVariance, logReturns, nextDayReturns, rollingVariance, seriesOf } from './fold-data';
export type { FoldHooks } from './fold-fit';

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
	/** The names of importance's columns, when the set is not daily_v1 (a generated set selects per fold). */
	readonly featureNames?: string[];
	readonly fitMs: number;
	readonly predictMs: number;
	readonly backend: string;
	readonly modelInfo: Record<string, string | number>;
}

/**
 * fitAndPredict, after nested tuning when the spec asks for it: a learner with `model.tune` first chooses its
 * parameters by an inner walk-forward inside the fold's training rows (nested-tuning.ts), then is refitted with
 * them on the whole training window. The choice is recorded in the fold's modelInfo (`chosen`, `innerSharpe`).
 */
async function fitTuned(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	inputs: FoldInputs,
	testRows: readonly number[],
	realised: Float64Array,
	hooks: FoldHooks
): Promise<ModelRun> {
	if (loaded.implementation.kind !== 'learner' || !spec.model.tune) {
		return fitAndPredict(spec, fold, bars, loaded, inputs, testRows, realised);
	}
	const choice = await nestedChoice(spec, fold, bars, loaded, inputs, hooks);
	// Progress already counted this refit among the tuning's fits; the refit's own fractions would run backwards.
	const refit = { ...inputs, ctx: { ...inputs.ctx, onProgress: undefined } };
	const run = await fitAndPredict(
		withParams(spec, choice.params),
		fold,
		bars,
		loaded,
		refit,
		testRows,
		realised
	);
	return { ...run, info: { ...run.info, ...choice.info } };
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
	const run = await fitTuned(spec, fold, bars, loaded, inputs, testRows, realised, hooks);
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
		...(run.importance && (spec.features.set !== 'daily_v1' || spec.features.inputs)
			? { featureNames: [...inputs.features.names] }
			: {}),
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
	const run = await fitTuned(spec, fold, bars, loaded, inputs, usable, takeValues(y, usable), hooks);
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
