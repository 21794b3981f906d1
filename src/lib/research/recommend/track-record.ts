/**
 * The track record of the recommendations whose outcome is known (issue 12: "hit rate per model and horizon,
 * calibration of the stated probabilities: a reliability diagram"), per (model, horizon) and over all of them.
 *
 * - hit rate: the share of resolved recommendations whose close `horizonDays` bars later was above the entry
 *   (`up`, the event the probability was about), beside the mean stated probability: a calibrated model has the
 *   two close together;
 * - Brier score of the stated probabilities against `up` (calibration-metrics.ts, scikit-learn's definition);
 * - the reliability diagram: `reliabilityBins` of stated probability against `up` (uniform bins);
 * - exits by kind (target, stop, timeout, still open) with the mean exit return of each.
 * Recommendations without an outcome are counted as pending, never as misses.
 */
import { brierScore, reliabilityBins, type ReliabilityBins } from './calibration-metrics';
import { RecommendError } from './errors';
import { OUTCOME_EXITS, type Outcome } from './outcome';
import { HORIZONS, type Horizon } from './rule-settings';

/** Ten equal bins of stated probability, as the trial page's reliability diagram uses. */
export const TRACK_RECORD_BINS = 10;

export interface RecommendationResult {
	readonly modelId: string;
	readonly horizon: Horizon;
	readonly probability: number;
	readonly outcome: Pick<Outcome, 'up' | 'forwardReturn' | 'exit' | 'exitReturn'> | null;
}

export interface ExitSummary {
	readonly n: number;
	/** Mean exit return (fraction); NaN when n = 0 or for positions still open. */
	readonly meanReturn: number;
}

export interface TrackRecordGroup {
	/** null in the overall row. */
	readonly modelId: string | null;
	readonly horizon: Horizon | null;
	readonly resolved: number;
	readonly pending: number;
	readonly hits: number;
	readonly hitRate: number;
	readonly meanProbability: number;
	readonly meanForwardReturn: number;
	readonly brier: number;
	/** Resolved recommendations by exit; 'open' = up is settled but no exit yet. */
	readonly exits: Readonly<Record<(typeof OUTCOME_EXITS)[number] | 'open', ExitSummary>>;
	/** null when nothing is resolved. */
	readonly reliability: ReliabilityBins | null;
}

export interface TrackRecord {
	/** One per (model, horizon) with at least one recommendation: model ids ascending, short before long. */
	readonly groups: readonly TrackRecordGroup[];
	readonly overall: TrackRecordGroup;
}

const mean = (v: readonly number[]) =>
	v.length === 0 ? Number.NaN : v.reduce((s, x) => s + x, 0) / v.length;

function summarise(
	modelId: string | null,
	horizon: Horizon | null,
	rows: readonly RecommendationResult[],
	bins: number
): TrackRecordGroup {
	const done = rows.filter((r) => r.outcome !== null);
	const p = Float64Array.from(done, (r) => r.probability);
	const y = Float64Array.from(done, (r) => (r.outcome?.up ? 1 : 0));
	const exitOf = (kind: (typeof OUTCOME_EXITS)[number] | 'open'): ExitSummary => {
		const these = done.filter((r) => (r.outcome?.exit ?? 'open') === kind);
		return {
			n: these.length,
			meanReturn: kind === 'open' ? Number.NaN : mean(these.map((r) => r.outcome?.exitReturn ?? Number.NaN))
		};
	};
	const hits = y.reduce((s, v) => s + v, 0);
	return {
		modelId,
		horizon,
		resolved: done.length,
		pending: rows.length - done.length,
		hits,
		hitRate: done.length === 0 ? Number.NaN : hits / done.length,
		meanProbability: mean(Array.from(p)),
		meanForwardReturn: mean(done.map((r) => r.outcome?.forwardReturn ?? Number.NaN)),
		brier: done.length === 0 ? Number.NaN : brierScore(p, y),
		exits: {
			target: exitOf('target'),
			stop: exitOf('stop'),
			timeout: exitOf('timeout'),
			open: exitOf('open')
		},
		reliability: done.length === 0 ? null : reliabilityBins(p, y, bins, 'uniform')
	};
}

/** The track record of `rows`; throws a RecommendError naming the row when a probability is outside [0, 1]. */
export function trackRecord(rows: readonly RecommendationResult[], bins = TRACK_RECORD_BINS): TrackRecord {
	rows.forEach((r, i) => {
		if (!(r.probability >= 0 && r.probability <= 1))
			throw new RecommendError('invalid', 'probability', `row ${i} must be in [0, 1], got ${r.probability}`);
	});
	const models = [...new Set(rows.map((r) => r.modelId))].sort();
	const groups: TrackRecordGroup[] = [];
	for (const m of models)
		for (const h of HORIZONS) {
			const these = rows.filter((r) => r.modelId === m && r.horizon === h);
			if (these.length > 0) groups.push(summarise(m, h, these, bins));
		}
	return { groups, overall: summarise(null, null, rows, bins) };
}
