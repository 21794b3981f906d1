/**
 * Nested tuning of a learner (catalog procedure `walk_forward_optimization`): the trial names a small grid
 * (`model.tune`) and the inner walk-forward (`model.tuneWindow`, inner-folds.ts). On each outer fold, every
 * combination is fitted on each inner training window and predicts the inner test window that follows it; its
 * score is the net Sharpe ratio, after the trial's costs and position mode, of trading those predictions over
 * the stitched inner test windows (signal-tuning.ts's objective, netSharpe). The best combination (the first on
 * a tie or when none can be scored) is then refitted on the whole outer training window and predicts the outer
 * test window (run-fold.ts). Nothing of the outer test window is read: every inner row lies inside the outer
 * training rows (inner-folds.ts says why their targets end before the test window too).
 *
 * Each inner fold has its own random stream, the same for every combination (common random numbers), so two
 * combinations differ only by their parameters. Pure and deterministic for (spec, fold, bars).
 */
import { takeValues } from '../domain/matrix';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { positionsFor } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import { usableRows } from './fold-data';
import { fitAndPredict, type FoldHooks, type FoldInputs } from './fold-fit';
import { innerFolds, type NestedPlan } from './inner-folds';
import type { LoadedModel } from './registry';
import { DEADLINE_OVER_EXPECTED, MAX_FOLD_DEADLINE_MS, type Implementation } from './seam';
import { describeChoice, netSharpe, tuneCombinations } from './signal-tuning';
import { FitCancelledError } from './types';

type Params = TrialSpec['model']['params'];

export interface NestedChoice {
	/** The chosen combination: the spec's params with the tuned ones replaced. */
	readonly params: Params;
	/** What the fold records: `chosen`, `innerSharpe`, `combinations`, `innerFolds` (and skipped ones). */
	readonly info: Record<string, string | number>;
	/** Every scored combination's inner Sharpe ratio (NaN when it cannot be scored), grid order; for tests. */
	readonly scores: readonly { readonly choice: string; readonly innerSharpe: number }[];
}

/** The spec with other params (the rest unchanged). */
export function withParams(spec: TrialSpec, params: Params): TrialSpec {
	return { ...spec, model: { ...spec.model, params } };
}

/** The inner walk-forward's predictions of one combination as positions and next-day returns, stitched. */
async function innerRun(
	spec: TrialSpec,
	inner: readonly Fold[],
	bars: Bars,
	loaded: LoadedModel,
	outer: FoldInputs,
	foldRng: ReturnType<typeof createRng>,
	tick: () => void
): Promise<{ positions: Float64Array; returns: Float64Array }> {
	const { features, y, next, positions: signalPositions, baseline } = outer;
	const impl = loaded.implementation;
	if (impl.kind !== 'learner') throw new Error(`${impl.id}: nested tuning fits learners only`);
	const task = impl.task;
	const pos: number[] = [];
	const ret: number[] = [];
	for (const f of inner) {
		const trainRows = usableRows(features.matrix, y, y, f.trainStart, f.trainEnd);
		const testRows = usableRows(
			features.matrix,
			y,
			signalPositions ?? baseline ?? next,
			f.testStart,
			f.testEnd
		).filter((r) => Number.isFinite(next[r]));
		if (trainRows.length < 2 || testRows.length === 0) {
			tick();
			continue;
		}
		const ctx = { ...outer.ctx, rng: foldRng.fork(`inner:${f.index}`), onProgress: undefined };
		const inputs: FoldInputs = { ...outer, ctx, trainRows };
		const run = await fitAndPredict(spec, f, bars, loaded, inputs, testRows, takeValues(y, testRows));
		tick();
		// A fit that diverges on any inner window disqualifies the combination (scored NaN), rather than being
		// scored on the windows where it happened to converge.
		if (!run.predicted.every(Number.isFinite)) {
			for (let k = f.index + 1; k < inner.length; k++) tick();
			return { positions: new Float64Array(0), returns: new Float64Array(0) };
		}
		const p = positionsFor(task, run.predicted, spec.strategy, run.aux);
		for (let i = 0; i < testRows.length; i++) {
			pos.push(p[i]);
			ret.push(next[testRows[i]]);
		}
	}
	return { positions: Float64Array.from(pos), returns: Float64Array.from(ret) };
}

/**
 * The combination of `spec.model.tune` with the best inner out-of-sample net Sharpe ratio on this fold's
 * training rows. Combinations the entry's schema refuses (a rule between fields) are skipped and counted;
 * a fit that throws fails the fold, as it would untuned.
 */
export async function nestedChoice(
	spec: TrialSpec,
	fold: Fold,
	bars: Bars,
	loaded: LoadedModel,
	inputs: FoldInputs,
	hooks: FoldHooks = {}
): Promise<NestedChoice> {
	const grid = spec.model.tune;
	const window = spec.model.tuneWindow;
	if (!grid || !window)
		throw new RangeError('nested tuning needs model.tune and model.tuneWindow (the inner walk-forward)');
	const impl = loaded.implementation;
	const inner = innerFolds(fold, window, spec.validation.embargo);
	const combos = tuneCombinations(spec.model.params, grid);
	const foldRng = createRng(spec.seed).fork(`fold:${fold.index}`);
	// The final refit on the whole training window counts as one more fit.
	const total = combos.length * inner.length + 1;
	let done = 0;
	const tick = (): void => {
		if (hooks.isCancelled?.()) throw new FitCancelledError();
		done++;
		hooks.onProgress?.(Math.min(1, done / total));
	};
	let best: { combo: Params; score: number } | null = null;
	const scores: { choice: string; innerSharpe: number }[] = [];
	let skipped = 0;
	for (const combo of combos) {
		try {
			impl.parse(combo);
		} catch {
			skipped++;
			for (let i = 0; i < inner.length; i++) tick();
			continue;
		}
		const params = combo as Params;
		const run = await innerRun(withParams(spec, params), inner, bars, loaded, inputs, foldRng, tick);
		const score = netSharpe(run.positions, run.returns, spec.strategy);
		scores.push({ choice: describeChoice(combo, grid), innerSharpe: score });
		if (best === null || (Number.isFinite(score) && !(best.score >= score)))
			best = { combo: params, score: Number.isFinite(score) ? score : -Infinity };
	}
	if (best === null) {
		throw new RangeError(
			`none of the ${combos.length} combinations of model.tune is valid for ${impl.id} (each breaks a rule between its parameters)`
		);
	}
	const chosen: { combo: Params; score: number } = best;
	return {
		params: chosen.combo,
		scores,
		info: {
			chosen: describeChoice(chosen.combo, grid),
			innerSharpe: Number.isFinite(chosen.score) ? chosen.score : 'n/a',
			combinations: combos.length - skipped,
			innerFolds: inner.length,
			...(skipped > 0 ? { skippedCombinations: skipped } : {})
		}
	};
}

/**
 * Expected time and deadline of a nested-tuned fold: the final refit plus every inner fit at its combination's
 * expected cost, with the same margin over expected (DEADLINE_OVER_EXPECTED) and the same ceiling as any fold.
 */
export function nestedCosts(
	impl: Pick<Implementation, 'expectedFitMs' | 'deadlineMs'>,
	trainRows: number,
	params: unknown,
	plan: NestedPlan
): { expectedFitMs: number; deadlineMs: number } {
	let expected = impl.expectedFitMs(trainRows, params);
	for (const combo of tuneCombinations(plan.params, plan.tune))
		expected += plan.innerFolds * impl.expectedFitMs(plan.windowSize, combo);
	const deadline = Math.max(impl.deadlineMs(trainRows, params), Math.ceil(DEADLINE_OVER_EXPECTED * expected));
	return { expectedFitMs: expected, deadlineMs: Math.min(MAX_FOLD_DEADLINE_MS, deadline) };
}
