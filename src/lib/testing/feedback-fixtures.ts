/**
 * Test fixture: hand-made trial records for the feedback and system-prompt specs. The numbers are chosen to
 * make the arithmetic checkable by hand, not to look like market results; product code never imports this.
 */
import type { TrialRecord, TrialSummary } from '../db/records';
import type { TrialSpec } from '../domain/trial-spec';
import { pinnedData, regressionBlock, tinySpec, twoDayPerformance } from './fixtures';

export interface TrialFixture {
	readonly model?: string;
	readonly params?: TrialSpec['model']['params'];
	readonly status?: TrialRecord['status'];
	readonly sharpe?: number;
	readonly ic?: number;
	readonly hitRate?: number;
	readonly buyHoldSharpe?: number;
	readonly maxDrawdown?: number;
	readonly foldsFailed?: number;
	readonly error?: string | null;
	readonly name?: string;
	readonly datasetId?: string;
	readonly summary?: TrialSummary | null;
}

/** A summary whose headline figures are the given ones; the rest are a two-day series' figures. */
export function fixtureSummary(f: TrialFixture): TrialSummary {
	return {
		...regressionBlock(
			{ rmse: 0, mae: 0, r2: 0, hitRate: f.hitRate ?? 0.5, ic: f.ic ?? 0, n: 2 },
			{ ...twoDayPerformance, sharpe: f.sharpe ?? 0, maxDrawdown: f.maxDrawdown ?? 0 },
			{ ...twoDayPerformance, sharpe: f.buyHoldSharpe ?? Number.NaN }
		),
		rows: 2,
		firstT: Date.UTC(2020, 0, 2),
		lastT: Date.UTC(2020, 0, 3)
	};
}

/** A trial of `model` (ridge by default) that finished at `at` (epoch ms). */
export function fixtureTrial(id: string, at: number, f: TrialFixture = {}): TrialRecord {
	const status = f.status ?? 'completed';
	const finished = status === 'completed' || status === 'failed';
	const base = tinySpec();
	return {
		id,
		spec: tinySpec({
			name: f.name ?? '',
			datasetId: f.datasetId ?? base.datasetId,
			model: { id: f.model ?? 'ridge', params: f.params ?? base.model.params }
		}),
		status,
		createdAt: at - 10,
		startedAt: status === 'queued' ? null : at - 5,
		finishedAt: finished ? at : null,
		folds: 4,
		foldsDone: status === 'failed' ? 4 - Math.max(1, f.foldsFailed ?? 1) : 4 - (f.foldsFailed ?? 0),
		foldsFailed: status === 'failed' ? Math.max(1, f.foldsFailed ?? 1) : (f.foldsFailed ?? 0),
		error: status === 'failed' ? (f.error ?? 'fold 0 failed') : null,
		summary: f.summary !== undefined ? f.summary : status === 'completed' ? fixtureSummary(f) : null,
		appVersion: 'test',
		task: 'regression',
		data: pinnedData({ datasetId: f.datasetId ?? base.datasetId }),
		foldBounds: [0, 1, 2, 3].map((i) => ({ trainStartT: i, trainEndT: i, testStartT: i, testEndT: i })),
		lookahead: null
	};
}
