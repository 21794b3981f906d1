/**
 * Median pruning of a study's trials on their folds, with the semantics of Optuna's MedianPruner (a
 * PercentilePruner at 50), read from optuna/pruners/_percentile.py (Optuna 4.x) and written anew here:
 *
 * - Only COMPLETE earlier trials count, both for the start-up count and for the median. Pruned, failed and running
 *   trials are ignored (Optuna's `study.get_trials(states=(TrialState.COMPLETE,))`).
 * - No pruning while fewer than `nStartupTrials` trials are complete (and never with none), while
 *   `step < nWarmupSteps`, or when the step is not the first reported in its interval: the check runs at
 *   warmup, warmup + interval, … and a step skipped by the trial moves the check to the next one it reports.
 * - The trial's value is its BEST intermediate value so far over all its steps (max when maximising, min when
 *   minimising; NaN ignored), not its value at this step. If every value it reported is NaN, it is pruned.
 * - The reference is the percentile (50: the median, linear interpolation as numpy.nanpercentile) of the
 *   complete trials' values at this same step, NaN ignored; for maximisation the percentile is mirrored
 *   (100 − p). Fewer than `nMinTrials` complete trials with a value at this step (NaN ones count, as in Optuna),
 *   or only NaN values, never prune.
 * - Prune when best < reference (maximise) or best > reference (minimise); a tie is kept.
 */
import { OverfittingError } from './errors';

export type Direction = 'maximize' | 'minimize';
export type TrialState = 'complete' | 'pruned' | 'failed' | 'running';

/** Intermediate values by step (a fold index, from 0). */
export type IntermediateValues = Readonly<Record<number, number>>;

export interface PrunerTrial {
	readonly state: TrialState;
	readonly intermediate: IntermediateValues;
}

export interface PruneRequest {
	/** The step just reported (Optuna's `trial.last_step`). */
	readonly step: number;
	/** The value reported at `step`. */
	readonly value: number;
	/** The trial's values at its earlier steps (without `step`); default none. */
	readonly intermediate?: IntermediateValues;
	/** The study's other trials, any state; only complete ones are used. */
	readonly history: readonly PrunerTrial[];
	readonly direction?: Direction;
	/** Default 5. */
	readonly nStartupTrials?: number;
	/** Default 0. */
	readonly nWarmupSteps?: number;
	/** Default 1. */
	readonly intervalSteps?: number;
	/** Default 1. */
	readonly nMinTrials?: number;
	/** Default 50 (the median); 0–100. */
	readonly percentile?: number;
}

export type PruneReason =
	| 'no_complete_trials'
	| 'startup'
	| 'warmup'
	| 'not_a_check_step'
	| 'all_values_nan'
	| 'too_few_values_at_step'
	| 'worse_than_percentile'
	| 'not_worse';

export interface PruneDecision {
	readonly prune: boolean;
	readonly reason: PruneReason;
	/** The trial's best intermediate value so far (NaN when not computed). */
	readonly best: number;
	/** The percentile of the complete trials at this step (NaN when not computed). */
	readonly reference: number;
	/** Complete trials counted. */
	readonly completeTrials: number;
}

function nonNegativeInteger(value: number, field: string, min = 0): number {
	if (!Number.isInteger(value) || value < min) {
		throw new OverfittingError('invalid', field, `must be an integer >= ${min}, got ${value}`);
	}
	return value;
}

/** numpy.nanpercentile with its default linear interpolation; NaN when no value is a number. */
export function nanPercentile(values: readonly number[], percentile: number): number {
	const finite = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
	if (finite.length === 0) return Number.NaN;
	const position = ((finite.length - 1) * percentile) / 100;
	const lo = Math.floor(position);
	const hi = Math.min(lo + 1, finite.length - 1);
	return finite[lo] + (finite[hi] - finite[lo]) * (position - lo);
}

/** Optuna's `_is_first_in_interval_step`: no earlier step of the trial reached the latest check step. */
function isFirstInInterval(
	step: number,
	earlierSteps: readonly number[],
	warmup: number,
	interval: number
): boolean {
	const nearestCheck = Math.floor((step - warmup) / interval) * interval + warmup;
	let secondLast = -1;
	for (const s of earlierSteps) if (s > secondLast && s !== step) secondLast = s;
	return secondLast < nearestCheck;
}

function decision(prune: boolean, reason: PruneReason, completeTrials: number, best = NaN, reference = NaN) {
	return { prune, reason, best, reference, completeTrials } satisfies PruneDecision;
}

export function shouldPrune(request: PruneRequest): PruneDecision {
	const direction = request.direction ?? 'maximize';
	if (direction !== 'maximize' && direction !== 'minimize') {
		throw new OverfittingError(
			'invalid',
			'direction',
			`must be 'maximize' or 'minimize', got ${String(direction)}`
		);
	}
	const step = nonNegativeInteger(request.step, 'step');
	const nStartup = nonNegativeInteger(request.nStartupTrials ?? 5, 'nStartupTrials');
	const warmup = nonNegativeInteger(request.nWarmupSteps ?? 0, 'nWarmupSteps');
	const interval = nonNegativeInteger(request.intervalSteps ?? 1, 'intervalSteps', 1);
	const nMin = nonNegativeInteger(request.nMinTrials ?? 1, 'nMinTrials', 1);
	const percentile = request.percentile ?? 50;
	if (!(percentile >= 0 && percentile <= 100)) {
		throw new OverfittingError('invalid', 'percentile', `must be from 0 to 100, got ${percentile}`);
	}

	const complete = request.history.filter((t) => t.state === 'complete');
	if (complete.length === 0) return decision(false, 'no_complete_trials', 0);
	if (complete.length < nStartup) return decision(false, 'startup', complete.length);
	if (step < warmup) return decision(false, 'warmup', complete.length);

	const own = request.intermediate ?? {};
	const earlierSteps = Object.keys(own).map(Number);
	if (!isFirstInInterval(step, earlierSteps, warmup, interval)) {
		return decision(false, 'not_a_check_step', complete.length);
	}

	const values = [...earlierSteps.filter((s) => s !== step).map((s) => own[s]), request.value];
	let best = Number.NaN;
	for (const v of values) {
		if (Number.isNaN(v)) continue;
		if (Number.isNaN(best) || (direction === 'maximize' ? v > best : v < best)) best = v;
	}
	if (Number.isNaN(best)) return decision(true, 'all_values_nan', complete.length);

	const atStep = complete.filter((t) => Object.hasOwn(t.intermediate, step)).map((t) => t.intermediate[step]);
	if (atStep.length < nMin) return decision(false, 'too_few_values_at_step', complete.length, best);
	const reference = nanPercentile(atStep, direction === 'maximize' ? 100 - percentile : percentile);
	if (Number.isNaN(reference)) return decision(false, 'too_few_values_at_step', complete.length, best);

	const worse = direction === 'maximize' ? best < reference : best > reference;
	return decision(worse, worse ? 'worse_than_percentile' : 'not_worse', complete.length, best, reference);
}
