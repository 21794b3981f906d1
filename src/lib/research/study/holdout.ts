/**
 * How a study's holdout reads, on the study page and to Claude: its score beside the search's best, or why there
 * is none yet. One sentence built from the stored record only (engine/study-holdout.ts writes it). Pure.
 */
import { OBJECTIVES, type Direction, type ObjectiveMetric } from './objective';
import { bestOf, type StudyTrialState } from './plan';

export type HoldoutState = 'reserved' | 'running' | 'complete' | 'failed' | 'skipped';

export interface HoldoutView {
	/** The holdout's first day (ISO). */
	readonly from: string;
	/** 'reserved': the search is still running and the holdout is untouched. */
	readonly state: HoldoutState;
	/** The best search trial's objective, and the same trial's on the holdout (finite, or null). */
	readonly searchBest: number | null;
	readonly holdout: number | null;
	/** The search trial (0-based number) scored on the holdout. */
	readonly number: number | null;
	readonly trialId: string | null;
	/** E.g. "holdout Sharpe ratio after costs 0.310 vs search best 0.840 (trial #2), from 2020-01-02 on". */
	readonly line: string;
}

/** What the view reads of a study (StudyRecord satisfies it). */
export interface HoldoutSource {
	readonly spec: {
		readonly holdout?: { readonly from: string };
		readonly objective: { readonly metric: ObjectiveMetric; readonly direction: Direction };
	};
	readonly trials: readonly StudyTrialState[];
	readonly holdout: {
		readonly number: number | null;
		readonly trialId: string | null;
		readonly state: 'running' | 'complete' | 'failed' | 'skipped';
		readonly value: number | null;
		readonly note: string | null;
	} | null;
}

const finite = (v: number | null | undefined): number | null =>
	v !== null && v !== undefined && Number.isFinite(v) ? v : null;

const fmt = (v: number | null, digits: number): string => (v === null ? 'not available' : v.toFixed(digits));

/** The holdout of a study as one view; null for a study without a holdout. */
export function holdoutView(s: HoldoutSource, digits = 3): HoldoutView | null {
	const from = s.spec.holdout?.from;
	if (!from) return null;
	const label = OBJECTIVES[s.spec.objective.metric].label;
	const h = s.holdout;
	// The search trial the holdout re-ran is the one compared; before that, the current best.
	const searched = h?.number != null ? s.trials.find((t) => t.number === h.number) : null;
	const best = searched ?? bestOf(s.trials, s.spec.objective.direction);
	const searchBest = finite(best?.value);
	const which = best ? ` (trial #${best.number + 1})` : '';
	const base = { from, searchBest, number: best?.number ?? null, trialId: h?.trialId ?? null };
	if (!h)
		return {
			...base,
			state: 'reserved',
			holdout: null,
			line: `holdout from ${from} on: reserved, unseen by the search; the best trial is scored on it once the search ends`
		};
	if (h.state === 'running')
		return {
			...base,
			state: 'running',
			holdout: null,
			line: `holdout from ${from} on: the best trial${which} is running on it (search best ${label} ${fmt(searchBest, digits)})`
		};
	if (h.state === 'complete') {
		const value = finite(h.value);
		return {
			...base,
			state: 'complete',
			holdout: value,
			line: `holdout ${label} ${fmt(value, digits)} vs search best ${fmt(searchBest, digits)}${which}, on the holdout from ${from} on, which the search never saw`
		};
	}
	return {
		...base,
		state: h.state,
		holdout: null,
		line: `holdout from ${from} on: not scored (${h.state}): ${h.note ?? 'no reason recorded'}`
	};
}
