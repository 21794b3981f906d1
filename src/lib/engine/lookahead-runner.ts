/**
 * Runs the look-ahead (truncation) check of a stored trial on the worker pool (models/lookahead.ts): the
 * trial's pinned dataset version (its hash checked again), its folds from their stored dates, one job with a
 * deadline and a heartbeat. The verdict is stored on the trial with an audit event, in one transaction.
 */
import * as Comlink from 'comlink';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { trialRecordSchema, type LookaheadVerdict } from '../db/records';
import { contentSha256 } from '../domain/content-hash';
import { errorMessage } from '../domain/errors';
import { isoDate } from '../domain/series';
import { foldFromDates, type Fold } from '../domain/splits';
import { loadTrialInputs } from './trial-inputs';
import type { WorkerPool } from './worker-pool';
import { lookaheadJobResultSchema, type TrialWorkerApi } from '../workers/protocol';

/** A check re-fits each fold about six times; no check may run longer than this. */
export const LOOKAHEAD_DEADLINE_MS = 20 * 60_000;
/** Progress arrives after every checked point; silence this long means the worker hangs. */
export const LOOKAHEAD_HEARTBEAT_MS = 3 * 60_000;

export type LookaheadOutcome =
	{ ok: true; verdict: LookaheadVerdict } | { ok: false; code: string; reason: string };

export interface LookaheadRunOptions {
	readonly now?: () => number;
	readonly deadlineMs?: number;
	readonly onProgress?: (fraction: number) => void;
}

export async function runLookaheadCheck(
	db: MlTrainerDb,
	pool: WorkerPool<TrialWorkerApi>,
	trialId: string,
	options: LookaheadRunOptions = {}
): Promise<LookaheadOutcome> {
	const now = options.now ?? Date.now;
	const row = await db.trials.get(trialId);
	if (!row) return { ok: false, code: 'unknown_trial', reason: 'that trial no longer exists' };
	const trial = trialRecordSchema.parse(row);
	if (trial.status !== 'completed')
		return {
			ok: false,
			code: 'not_completed',
			reason: 'only a completed trial can be checked for look-ahead'
		};
	if (!trial.data) return { ok: false, code: 'unknown_dataset', reason: 'the trial has no pinned dataset' };
	const ds = await db.datasets.get(trial.data.datasetId);
	if (!ds)
		return { ok: false, code: 'unknown_dataset', reason: `its dataset "${trial.data.name}" was deleted` };
	if (contentSha256({ ...ds.bars }) !== trial.data.contentSha256)
		return {
			ok: false,
			code: 'content_changed',
			reason: `the stored bars of "${trial.data.name}" no longer hash to the version the trial ran on`
		};
	const inputs = await loadTrialInputs(db, trial);
	if (!inputs.ok) return { ok: false, code: 'unknown_dataset', reason: inputs.reason };
	const folds: Fold[] = [];
	for (const [i, d] of trial.foldBounds.entries()) {
		const fold = foldFromDates(ds.bars.t, i, d);
		if (!fold)
			return { ok: false, code: 'folds_missing', reason: `fold ${i}'s dates are not in the dataset` };
		folds.push(fold);
	}
	let result;
	try {
		result = lookaheadJobResultSchema.parse(
			await pool.run(
				(api, beat) =>
					api.runLookahead(
						{
							trialId,
							spec: trial.spec,
							folds,
							datasetKey: trial.data!.contentSha256,
							bars: ds.bars,
							dataset: { id: ds.id, provenance: ds.provenance, frequency: ds.frequency },
							...(inputs.inputs ? { inputs: inputs.inputs } : {})
						},
						Comlink.proxy((fraction: number) => {
							beat();
							options.onProgress?.(fraction);
						})
					),
				{
					deadlineMs: options.deadlineMs ?? LOOKAHEAD_DEADLINE_MS,
					heartbeatMs: Math.min(options.deadlineMs ?? LOOKAHEAD_DEADLINE_MS, LOOKAHEAD_HEARTBEAT_MS),
					label: `look-ahead check of "${trial.spec.name || trialId}"`
				}
			)
		);
	} catch (e) {
		const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'lookahead_failed';
		return { ok: false, code, reason: errorMessage(e) };
	}
	if ('refused' in result || 'failed' in result)
		return { ok: false, code: result.code, reason: result.reason };
	const verdict: LookaheadVerdict = {
		checkedAt: now(),
		checkedPoints: result.checkedPoints,
		folds: result.folds,
		firstLeak: result.firstLeak,
		runMs: result.runMs
	};
	await db.transaction('rw', db.trials, db.audit, async () => {
		await db.trials.update(trialId, { lookahead: verdict });
		await appendAudit(
			db,
			{
				type: 'trial.lookahead',
				subject: trialId,
				summary: verdict.firstLeak
					? `Look-ahead detected in trial "${trial.spec.name || trialId}": fold ${verdict.firstLeak.fold}, ${isoDate(verdict.firstLeak.t)}`
					: `No look-ahead in trial "${trial.spec.name || trialId}": ${verdict.checkedPoints} predictions unchanged on data cut after each`,
				detail: {
					checkedPoints: verdict.checkedPoints,
					leak: verdict.firstLeak
						? { fold: verdict.firstLeak.fold, date: isoDate(verdict.firstLeak.t) }
						: null
				}
			},
			now()
		);
	});
	return { ok: true, verdict };
}
