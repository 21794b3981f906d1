/**
 * Scores the last closed bar of a stored dataset version with a trial spec on the worker pool (workers/
 * score-job.ts): the model fitted on everything known an embargo before that bar (research/recommend/
 * scan-spec.ts scoreFold), one job with a deadline and a heartbeat. The bars' hash is checked here and again in
 * the worker.
 */
import * as Comlink from 'comlink';
import type { InputColumns } from '../data/feature-input-pins';
import type { DatasetRecord } from '../db/records';
import { contentSha256 } from '../domain/content-hash';
import { errorMessage } from '../domain/errors';
import { featureWarmup } from '../domain/feature-spec';
import { isoDate } from '../domain/series';
import type { TrialSpec } from '../domain/trial-spec';
import { scoreFold } from '../research/recommend/scan-spec';
import { scoreJobResultSchema, type TrialWorkerApi } from '../workers/protocol';
import type { WorkerPool } from './worker-pool';

export const SCORE_DEADLINE_MS = 10 * 60_000;
export const SCORE_HEARTBEAT_MS = 3 * 60_000;

export type ScoreOutcome =
	| {
			readonly ok: true;
			readonly score: number;
			/** The scored bar's date (YYYY-MM-DD) and close. */
			readonly dataDate: string;
			readonly close: number;
			readonly runMs: number;
	  }
	| { readonly ok: false; readonly code: string; readonly reason: string };

export async function scoreLastBar(
	pool: WorkerPool<TrialWorkerApi>,
	ds: DatasetRecord,
	spec: TrialSpec,
	options: {
		readonly deadlineMs?: number;
		/** The trial's pinned feature inputs (engine/trial-inputs.ts), when its spec names any. */
		readonly inputs?: readonly InputColumns[];
	} = {}
): Promise<ScoreOutcome> {
	const n = ds.bars.t.length;
	if (contentSha256({ ...ds.bars }) !== ds.contentSha256)
		return {
			ok: false,
			code: 'content_changed',
			reason: `the stored bars of "${ds.name}" no longer hash to their recorded version`
		};
	let fold;
	try {
		fold = scoreFold(n, spec.validation, featureWarmup(spec.features));
	} catch (e) {
		return { ok: false, code: 'too_few_rows', reason: errorMessage(e) };
	}
	const deadlineMs = options.deadlineMs ?? SCORE_DEADLINE_MS;
	let result;
	try {
		result = scoreJobResultSchema.parse(
			await pool.run(
				(api, beat) =>
					api.runScore(
						{
							jobId: `score-${ds.id}-${n}`,
							spec,
							fold,
							datasetKey: ds.contentSha256,
							bars: ds.bars,
							dataset: { id: ds.id, provenance: ds.provenance, frequency: ds.frequency },
							rows: [n - 1],
							...(options.inputs ? { inputs: [...options.inputs] } : {})
						},
						Comlink.proxy(() => beat())
					),
				{
					deadlineMs,
					heartbeatMs: Math.min(deadlineMs, SCORE_HEARTBEAT_MS),
					label: `score of ${ds.symbol} on ${isoDate(ds.bars.t[n - 1])}`
				}
			)
		);
	} catch (e) {
		const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'score_failed';
		return { ok: false, code, reason: errorMessage(e) };
	}
	if ('refused' in result || 'failed' in result)
		return { ok: false, code: result.code, reason: result.reason };
	const score = result.predicted[0];
	if (!Number.isFinite(score))
		return {
			ok: false,
			code: 'no_score',
			reason: `the last bar (${isoDate(ds.bars.t[n - 1])}) could not be fed to the model: its features are incomplete`
		};
	return {
		ok: true,
		score,
		dataDate: isoDate(ds.bars.t[n - 1]),
		close: ds.bars.close[n - 1],
		runMs: result.runMs
	};
}
