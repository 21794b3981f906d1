/**
 * What happened after a recommendation (issue 12: "outcomes of closed recommendations feed the feedback manager").
 *
 * Two questions, answered from the daily bars strictly AFTER the recommendation's data date (its entry is that
 * day's close, so that day's own range happened before it):
 * - the event its probability was about: is the close `horizonDays` bars after the data date above the entry?
 *   Settled on exactly that bar (`resolvedDate`); null while fewer bars exist.
 * - what its rule would have done to a long position opened at the entry: the exit rules of the paper portfolio
 *   (research/portfolio/exits.ts, reused: target, stop with the gap rule, both inside one bar = the stop) and a
 *   timeout at the close of the `expiryDays`-th bar. The exit stays null until one of them has happened, so an
 *   outcome can be settled (`up`) before its exit is (when expiryDays > horizonDays).
 * No costs and no slippage by default: this scores the recommendation, not a trade of it.
 */
import { checkExit, type DailyBar } from '../portfolio/exits';
import type { GapRule } from '../portfolio/settings';
import { RecommendError } from './errors';

/** The fields of a stored recommendation its outcome depends on (db/scanner-records.ts). */
export interface RecommendationTerms {
	/** YYYY-MM-DD of the bar whose close is the entry. */
	readonly dataDate: string;
	readonly entry: number;
	readonly target: number;
	readonly stop: number;
	/** Bars after the data date whose close settles `up`. */
	readonly horizonDays: number;
	/** Bars after the data date at whose close the position times out. */
	readonly expiryDays: number;
}

export const OUTCOME_EXITS = ['target', 'stop', 'timeout'] as const;
export type OutcomeExit = (typeof OUTCOME_EXITS)[number];

/** The same shape as db/scanner-records.ts `recommendationOutcomeSchema`. */
export interface Outcome {
	readonly resolvedDate: string;
	readonly forwardReturn: number;
	readonly up: boolean;
	readonly exit: OutcomeExit | null;
	readonly exitDate: string | null;
	/** Fill / entry − 1 (a fraction). */
	readonly exitReturn: number | null;
}

export interface OutcomeOptions {
	/** How a bar that opens beyond a level fills (portfolio/settings.ts); 'open' is the realistic default. */
	readonly gapRule?: GapRule;
	readonly slippageBps?: number;
}

function checkTerms(rec: RecommendationTerms): void {
	if (!(Number.isFinite(rec.entry) && rec.entry > 0))
		throw new RecommendError('invalid', 'entry', `must be a positive number, got ${rec.entry}`);
	if (!(rec.stop > 0 && rec.stop < rec.entry && rec.entry < rec.target))
		throw new RecommendError(
			'invalid',
			'target',
			`needs 0 < stop < entry < target, got stop ${rec.stop}, entry ${rec.entry}, target ${rec.target}`
		);
	for (const field of ['horizonDays', 'expiryDays'] as const)
		if (!Number.isInteger(rec[field]) || rec[field] < 1)
			throw new RecommendError('invalid', field, `must be a whole number ≥ 1, got ${rec[field]}`);
}

/**
 * The outcome of `rec` from `bars` (ascending by date; earlier bars are skipped), or null while fewer than
 * `horizonDays` bars come after its data date.
 */
export function resolveOutcome(
	rec: RecommendationTerms,
	bars: readonly DailyBar[],
	options: OutcomeOptions = {}
): Outcome | null {
	checkTerms(rec);
	for (let i = 1; i < bars.length; i++)
		if (!(bars[i].date > bars[i - 1].date))
			throw new RecommendError(
				'invalid',
				'bars',
				`dates must increase: bar ${i} (${bars[i].date}) follows ${bars[i - 1].date}`
			);
	const first = bars.findIndex((b) => b.date > rec.dataDate);
	const after = first < 0 ? [] : bars.slice(first);
	if (after.length < rec.horizonDays) return null;
	const settled = after[rec.horizonDays - 1];
	const forwardReturn = settled.close / rec.entry - 1;
	const rules = {
		gapRule: options.gapRule ?? 'open',
		slippageBps: options.slippageBps ?? 0,
		timeoutDays: rec.expiryDays
	};
	const held = Math.min(after.length, rec.expiryDays);
	for (let i = 0; i < held; i++) {
		const fill = checkExit({ target: rec.target, stop: rec.stop, daysHeld: i + 1 }, after[i], rules);
		if (fill === null) continue;
		return {
			resolvedDate: settled.date,
			forwardReturn,
			up: settled.close > rec.entry,
			exit: fill.reason as OutcomeExit,
			exitDate: after[i].date,
			exitReturn: fill.fill / rec.entry - 1
		};
	}
	return {
		resolvedDate: settled.date,
		forwardReturn,
		up: settled.close > rec.entry,
		exit: null,
		exitDate: null,
		exitReturn: null
	};
}
