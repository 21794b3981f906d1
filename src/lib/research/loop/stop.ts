/**
 * When an autonomous loop stops, decided by code from stored numbers (issue 11): the goal's parsed thresholds met
 * by one trial whose Deflated Sharpe Ratio clears the luck line; the last N proposals improving the objective by
 * less than its noise (the standard error of the objective across the best trial's folds); a budget; the user's
 * Stop; or Claude replying without a proposal twice in a row. Claude saying "done" stops nothing.
 * Pure: no I/O.
 */
import type { GoalMetric, Threshold } from '../goal-components';
import { LUCK_THRESHOLD } from '../overfitting';
import { toScore, type Direction } from '../study/objective';
import type { LoopSpec } from './spec';

/** Replies in a row with no proposal after which the loop stops. */
export const IDLE_LIMIT = 2;

export type ResultState = 'running' | 'complete' | 'failed';

/** One proposal's outcome: a trial, or a study by its best trial. */
export interface LoopResult {
	readonly id: string;
	readonly state: ResultState;
	/** The loop's objective in its own units; NaN when not available. */
	readonly value: number;
	/** Standard error of the objective across the trial's folds (sd / √folds); NaN below two folds. */
	readonly noise: number;
	/** The goal's metrics from the stored summary (drawdown as a positive magnitude). */
	readonly goalValues: Readonly<Partial<Record<GoalMetric, number>>>;
	/** Deflated Sharpe Ratio of this trial among the loop's attempts; NaN when unavailable. */
	readonly dsr: number;
}

export interface LoopState {
	readonly now: number;
	readonly startedAt: number;
	readonly spec: LoopSpec;
	readonly thresholds: readonly Threshold[];
	readonly tokensUsed: number;
	readonly computeMs: number;
	/** Trials started or committed (a study counts its budget). */
	readonly trialsCommitted: number;
	/** In proposal order. */
	readonly results: readonly LoopResult[];
	readonly stopRequested: boolean;
	readonly idleReplies: number;
}

export const STOP_CODES = [
	'user',
	'goal_met',
	'budget_tokens',
	'budget_compute',
	'budget_wall',
	'budget_trials',
	'plateau',
	'idle'
] as const;
export type StopCode = (typeof STOP_CODES)[number];

export type StopDecision =
	{ readonly stop: false } | { readonly stop: true; readonly code: StopCode; readonly reason: string };

const num = (v: number, digits = 4) =>
	Number.isFinite(v) ? Number(v.toPrecision(digits)).toString() : 'n/a';

export function meets(value: number | undefined, t: Threshold): boolean {
	if (value === undefined || !Number.isFinite(value)) return false;
	switch (t.op) {
		case '>=':
			return value >= t.value;
		case '>':
			return value > t.value;
		case '<=':
			return value <= t.value;
		case '<':
			return value < t.value;
	}
}

/** The first complete result meeting every threshold with a DSR at or above the luck line, or null. */
export function goalMetBy(
	results: readonly LoopResult[],
	thresholds: readonly Threshold[]
): LoopResult | null {
	if (thresholds.length === 0) return null;
	return (
		results.find(
			(r) =>
				r.state === 'complete' &&
				r.dsr >= LUCK_THRESHOLD &&
				thresholds.every((t) => meets(r.goalValues[t.metric], t))
		) ?? null
	);
}

/** The best complete result by the objective, or null. */
export function bestResult(results: readonly LoopResult[], direction: Direction): LoopResult | null {
	let best: LoopResult | null = null;
	for (const r of results) {
		if (r.state !== 'complete' || !Number.isFinite(r.value)) continue;
		if (!best || toScore(r.value, direction) > toScore(best.value, direction)) best = r;
	}
	return best;
}

/**
 * The plateau rule over finished proposals: with at least N + 1 of them, the best of all against the best before
 * the last N. A gain smaller than the earlier best's fold noise (or none at all) is no progress.
 */
export function plateau(
	results: readonly LoopResult[],
	window: number,
	direction: Direction
): { reached: boolean; reason: string } {
	const finished = results.filter((r) => r.state !== 'running');
	if (finished.length < window + 1) return { reached: false, reason: '' };
	const before = bestResult(finished.slice(0, finished.length - window), direction);
	const all = bestResult(finished, direction);
	if (!all)
		return {
			reached: true,
			reason: `no proposal of the last ${finished.length} completed with a value of the objective`
		};
	if (!before) return { reached: false, reason: '' };
	const gain = toScore(all.value, direction) - toScore(before.value, direction);
	const noise = Number.isFinite(before.noise) ? before.noise : 0;
	if (gain > 0 && gain >= noise) return { reached: false, reason: '' };
	return {
		reached: true,
		reason:
			gain === 0
				? `the last ${window} proposals did not improve on ${before.id} (${num(before.value)})`
				: `the last ${window} proposals improved the objective by ${num(gain)}, less than its fold noise ${num(noise)} (standard error across ${before.id}'s folds)`
	};
}

export function stopDecision(s: LoopState): StopDecision {
	const { budgets } = s.spec;
	if (s.stopRequested) return { stop: true, code: 'user', reason: 'stopped by the user' };
	const met = goalMetBy(s.results, s.thresholds);
	if (met)
		return {
			stop: true,
			code: 'goal_met',
			reason: `goal met by ${met.id}: ${s.thresholds
				.map((t) => `${t.metric} ${num(met.goalValues[t.metric] ?? Number.NaN)} ${t.op} ${num(t.value)}`)
				.join(', ')}, with a Deflated Sharpe Ratio of ${num(met.dsr, 3)} ≥ ${LUCK_THRESHOLD}`
		};
	if (s.tokensUsed >= budgets.tokens)
		return {
			stop: true,
			code: 'budget_tokens',
			reason: `token budget spent: ${s.tokensUsed.toLocaleString('en-US')} of ${budgets.tokens.toLocaleString('en-US')}`
		};
	if (s.computeMs >= budgets.computeMinutes * 60_000)
		return {
			stop: true,
			code: 'budget_compute',
			reason: `compute budget spent: ${num(s.computeMs / 60_000, 3)} of ${budgets.computeMinutes} minutes`
		};
	if (s.now - s.startedAt >= budgets.wallMinutes * 60_000)
		return {
			stop: true,
			code: 'budget_wall',
			reason: `wall-time budget of ${budgets.wallMinutes} minutes reached`
		};
	if (s.trialsCommitted >= budgets.trials && s.results.every((r) => r.state !== 'running'))
		return {
			stop: true,
			code: 'budget_trials',
			reason: `trial budget used: ${s.trialsCommitted} of ${budgets.trials} trials`
		};
	const p = plateau(s.results, s.spec.plateau, s.spec.objective.direction);
	if (p.reached) return { stop: true, code: 'plateau', reason: `no progress: ${p.reason}` };
	if (s.idleReplies >= IDLE_LIMIT)
		return {
			stop: true,
			code: 'idle',
			reason: `Claude replied ${s.idleReplies} times in a row without proposing a step`
		};
	return { stop: false };
}

/** The loop's budgets as they stand, one line each (for Claude's prompt and the chat's status). */
export function budgetLines(s: LoopState): string[] {
	const b = s.spec.budgets;
	return [
		`trials: ${s.trialsCommitted} of ${b.trials}`,
		`tokens: ${s.tokensUsed.toLocaleString('en-US')} of ${b.tokens.toLocaleString('en-US')}`,
		`compute: ${num(s.computeMs / 60_000, 3)} of ${b.computeMinutes} minutes`,
		`wall time: ${num((s.now - s.startedAt) / 60_000, 3)} of ${b.wallMinutes} minutes`
	];
}
