/**
 * Test fixture: seeded random trial records covering what the feedback manager and the leaderboard branch on
 * (every status, a few models, series and dataset versions, numeric params, regression and classification
 * summaries, NaN figures, a completed trial without a summary, errors). Shapes only, never market data.
 */
import type { TrialRecord, TrialStatus, TrialSummary } from '../db/records';
import type { Rng } from '../domain/random';
import { fixtureSummary, fixtureTrial } from './feedback-fixtures';

const MODELS = ['ridge', 'lasso', 'logistic'] as const;
const STATUSES: readonly TrialStatus[] = [
	'queued',
	'running',
	'completed',
	'completed',
	'failed',
	'cancelled'
];

function classification(base: TrialSummary, rng: Rng): TrialSummary {
	return {
		...base,
		task: 'classification',
		regression: null,
		classification: {
			accuracy: rng.next(),
			balancedAccuracy: rng.next(),
			rocAuc: rng.next() < 0.2 ? Number.NaN : rng.next(),
			logLoss: rng.next(),
			brier: rng.next() / 4,
			n: 10,
			positiveRate: 0.5,
			calibration: [{ lo: 0, hi: 1, n: 10, meanPredicted: 0.5, observedRate: 0.4 }]
		}
	};
}

/** Trial `id`, created at `at` (epoch ms), with everything else drawn from `rng`. */
export function randomTrial(rng: Rng, id: string, at: number): TrialRecord {
	const model = MODELS[rng.int(MODELS.length)];
	const status = STATUSES[rng.int(STATUSES.length)];
	const series = `S${rng.int(3)}`;
	const sharpe = rng.next() < 0.1 ? Number.NaN : rng.normal();
	const f = {
		model,
		status,
		sharpe,
		ic: rng.normal() / 10,
		hitRate: rng.next(),
		buyHoldSharpe: rng.normal(),
		maxDrawdown: -rng.next(),
		name: `trial ${id}`,
		datasetId: `${series}@v${1 + rng.int(2)}`,
		params: { alpha: [0.1, 1, 10][rng.int(3)], fit_intercept: rng.next() < 0.5 },
		error: status === 'failed' ? `fold ${rng.int(4)} failed` : null
	};
	let summary: TrialSummary | null = status === 'completed' ? fixtureSummary(f) : null;
	if (summary && model === 'logistic') summary = classification(summary, rng);
	if (summary && rng.next() < 0.05) summary = null;
	const t = fixtureTrial(id, at, { ...f, summary });
	const version = Number(f.datasetId.slice(-1));
	// A trial from before dataset versions has no pinned data (db/records.ts).
	if (rng.next() < 0.05) return { ...t, data: null, foldBounds: [] };
	return { ...t, data: t.data && { ...t.data, datasetId: f.datasetId, seriesKey: series, version } };
}
