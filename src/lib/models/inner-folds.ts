/**
 * The inner walk-forward of nested tuning (catalog procedure `walk_forward_optimization`, window_size 252 and
 * step_size 22 by default): inside one outer fold's training rows [trainStart, trainEnd), rolling inner training
 * windows of `windowSize` rows, each followed by the trial's embargo and an inner test window of `stepSize` rows,
 * stepping by `stepSize`. This is R. Pardo's walk-forward optimisation ("The Evaluation and Optimization of
 * Trading Strategies", 2nd ed., Wiley 2008, chapter "Walk-Forward Analysis": optimise on a window, test on the next step, roll forward)
 * run inside each outer training window, i.e. nested cross-validation for time series (Varma & Simon, "Bias in
 * error estimation when using cross-validation for model selection", BMC Bioinformatics 7:91, 2006; Bergmeir &
 * Benítez, "On the use of cross-validation for time series predictor evaluation", Information Sciences 191,
 * 2012, for the time-ordered form): the outer test window never takes part in the choice.
 *
 * The inner folds are anchored at the end: the last inner test window ends at the outer trainEnd, so the most
 * recent training rows always score the choice; rows at the start that do not fill a whole step are unused.
 * Every inner row lies in [trainStart, trainEnd); what it reads beyond itself (its target, h rows ahead; its
 * next-day return) ends by trainEnd − 1 + h, before the outer test window because the embargo is ≥ h. Pure.
 */
import type { Fold } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';

export interface TuneWindow {
	/** Rows in each inner training window. */
	readonly windowSize: number;
	/** Rows in each inner test window, and how far the inner windows move between inner folds. */
	readonly stepSize: number;
}

/** Number of inner folds that fit in `trainRows` outer training rows (0 when none does). */
export function innerFoldCount(trainRows: number, window: TuneWindow, embargo: number): number {
	return Math.max(0, Math.floor((trainRows - window.windowSize - embargo) / window.stepSize));
}

/**
 * The inner folds of one outer fold, oldest first (index 0 …). Throws a RangeError naming
 * model.tuneWindow when not even one fits (the gateway refuses such a spec first).
 */
export function innerFolds(outer: Fold, window: TuneWindow, embargo: number): Fold[] {
	const { windowSize, stepSize } = window;
	for (const [name, v] of [
		['windowSize', windowSize],
		['stepSize', stepSize]
	] as const) {
		if (!(Number.isInteger(v) && v >= 1))
			throw new RangeError(`model.tuneWindow.${name} must be a whole number ≥ 1, got ${v}`);
	}
	if (!(Number.isInteger(embargo) && embargo >= 0))
		throw new RangeError(`validation.embargo must be a whole number ≥ 0, got ${embargo}`);
	const rows = outer.trainEnd - outer.trainStart;
	const n = innerFoldCount(rows, window, embargo);
	if (n === 0) {
		throw new RangeError(
			`model.tuneWindow needs ${windowSize} + ${embargo} + ${stepSize} training rows for one inner fold; fold ${outer.index} has ${rows}`
		);
	}
	return Array.from({ length: n }, (_, k) => {
		const testEnd = outer.trainEnd - (n - 1 - k) * stepSize;
		const testStart = testEnd - stepSize;
		const trainEnd = testStart - embargo;
		return { index: k, trainStart: trainEnd - windowSize, trainEnd, testStart, testEnd };
	});
}

/** What one fold of a nested-tuned trial fits besides its final refit: every combination on every inner fold. */
export interface NestedPlan {
	readonly params: TrialSpec['model']['params'];
	readonly tune: NonNullable<TrialSpec['model']['tune']>;
	readonly innerFolds: number;
	readonly windowSize: number;
}

/** The nested fits of a fold with `trainRows` training rows, or null when the spec is not nested-tuned. */
export function nestedPlan(spec: TrialSpec, trainRows: number): NestedPlan | null {
	const { tune, tuneWindow } = spec.model;
	if (!tune || !tuneWindow) return null;
	return {
		params: spec.model.params,
		tune,
		innerFolds: innerFoldCount(trainRows, tuneWindow, spec.validation.embargo),
		windowSize: tuneWindow.windowSize
	};
}
