/**
 * Promoting a trial to the scanner (issue 12): only a completed trial whose model scores the side of the forward
 * return (a regression or a classifier), that passed the look-ahead check with no leak, and whose deflated Sharpe
 * ratio is computed and shown. The DSR deflates the trial's out-of-sample Sharpe ratio (strategy returns after
 * costs) by the number of completed trials on the same series — the pool the user chose it from — and the variance
 * of their Sharpe ratios (research/overfitting/dsr.ts). One trial alone: its PSR against zero.
 */
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import { foldResultRecordSchema, trialRecordSchema, type TrialRecord } from '../db/records';
import { promotedRecordSchema, type PromotedRecord } from '../db/scanner-records';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { deflatedSharpe, returnMoments } from '../research/overfitting/dsr';
import { OverfittingError } from '../research/overfitting/errors';
import { SCANNABLE_TASKS } from '../research/recommend/scan-spec';

export type PromotionRefusal =
	| 'unknown_trial'
	| 'not_completed'
	| 'not_scannable'
	| 'lookahead_missing'
	| 'lookahead_leak'
	| 'no_returns'
	| 'already_promoted';

export class PromotionError extends Error {
	readonly code: PromotionRefusal;
	constructor(code: PromotionRefusal, message: string) {
		super(message);
		this.name = 'PromotionError';
		this.code = code;
	}
}

export type PromotionCheck =
	| { readonly ok: true; readonly evidence: PromotedRecord['evidence']; readonly label: string }
	| { readonly ok: false; readonly code: PromotionRefusal; readonly reason: string };

async function netReturns(db: MlTrainerDb, trial: TrialRecord): Promise<Float64Array> {
	const folds = (await db.results.where('trialId').equals(trial.id).toArray()).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	return strategyOf(stitchFolds(folds), trial.task, trial.spec.strategy).net;
}

function sharpeOf(net: Float64Array): number {
	try {
		return returnMoments(net).sharpe;
	} catch (e) {
		if (e instanceof OverfittingError) return Number.NaN;
		throw e;
	}
}

export function labelOf(trial: TrialRecord): string {
	return trial.spec.name || `${trial.spec.model.id} on ${trial.data?.name ?? trial.spec.datasetId}`;
}

/** Whether the trial may be promoted, and the evidence to show (its DSR) when it may. */
export async function promotionCheck(db: MlTrainerDb, trialId: string): Promise<PromotionCheck> {
	const row = await db.trials.get(trialId);
	if (!row) return { ok: false, code: 'unknown_trial', reason: 'that trial no longer exists' };
	const trial = trialRecordSchema.parse(row);
	if (trial.status !== 'completed')
		return { ok: false, code: 'not_completed', reason: 'only a completed trial can be promoted' };
	if (!SCANNABLE_TASKS.includes(trial.task))
		return {
			ok: false,
			code: 'not_scannable',
			reason: `the scanner turns a score of the forward return's side into a probability; a ${trial.task} model gives none`
		};
	if (!trial.lookahead)
		return {
			ok: false,
			code: 'lookahead_missing',
			reason: 'run the look-ahead check first: only a trial that passed it can be promoted'
		};
	if (trial.lookahead.firstLeak)
		return {
			ok: false,
			code: 'lookahead_leak',
			reason: `the look-ahead check found a leak in fold ${trial.lookahead.firstLeak.fold}: it cannot be promoted`
		};
	const net = await netReturns(db, trial);
	const sharpe = sharpeOf(net);
	if (!Number.isFinite(sharpe))
		return {
			ok: false,
			code: 'no_returns',
			reason: 'the trial has too few or constant out-of-sample returns for a Sharpe ratio'
		};
	// The pool it was chosen from: every completed trial on the same series.
	const seriesKey = trial.data?.seriesKey ?? trial.spec.datasetId;
	const pool = (await db.trials.where('status').equals('completed').toArray())
		.map((r) => trialRecordSchema.parse(r))
		.filter((t) => (t.data?.seriesKey ?? t.spec.datasetId) === seriesKey && t.id !== trial.id);
	const sharpes = [sharpe];
	for (const t of pool) {
		const s = sharpeOf(await netReturns(db, t));
		if (Number.isFinite(s)) sharpes.push(s);
	}
	const d = deflatedSharpe({ returns: net, trialSharpes: sharpes, trials: pool.length + 1 });
	return {
		ok: true,
		label: labelOf(trial),
		evidence: {
			lookaheadCheckedAt: trial.lookahead.checkedAt,
			checkedPoints: trial.lookahead.checkedPoints,
			sharpe: d.sharpe,
			dsr: d.dsr,
			psr0: d.psr0,
			trials: d.trials
		}
	};
}

/** Promotes the trial (refused with a PromotionError saying why), stored and audited in one transaction. */
export async function promoteTrial(
	db: MlTrainerDb,
	trialId: string,
	now = Date.now()
): Promise<PromotedRecord> {
	const check = await promotionCheck(db, trialId);
	if (!check.ok) throw new PromotionError(check.code, check.reason);
	const trial = trialRecordSchema.parse(await db.trials.get(trialId));
	const record = promotedRecordSchema.parse({
		id: `promoted-${trialId}`,
		trialId,
		spec: trial.spec,
		label: check.label,
		promotedAt: now,
		evidence: check.evidence,
		active: true
	});
	await db.transaction('rw', db.promoted, db.audit, async () => {
		const existing = await db.promoted.get(record.id);
		if (existing?.active)
			throw new PromotionError('already_promoted', `"${check.label}" is already on the scanner`);
		await db.promoted.put(record);
		await appendAudit(
			db,
			{
				type: 'scanner.promoted',
				subject: trialId,
				summary: `Promoted "${check.label}" to the scanner (DSR ${check.evidence.dsr.toFixed(3)} among ${check.evidence.trials} trial${check.evidence.trials === 1 ? '' : 's'})`,
				detail: { promotedId: record.id, ...check.evidence }
			},
			now
		);
	});
	return record;
}

/** Takes a promoted trial off the scanner (or puts it back); its past recommendations stay. */
export async function setPromotedActive(
	db: MlTrainerDb,
	id: string,
	active: boolean,
	now = Date.now()
): Promise<void> {
	await db.transaction('rw', db.promoted, db.audit, async () => {
		const row = await db.promoted.get(id);
		if (!row) throw new PromotionError('unknown_trial', 'that promoted trial no longer exists');
		const p = promotedRecordSchema.parse(row);
		await db.promoted.put({ ...p, active });
		await appendAudit(
			db,
			{
				type: 'scanner.promoted',
				subject: p.trialId,
				summary: `${active ? 'Put back on' : 'Took off'} the scanner: "${p.label}"`,
				detail: { promotedId: id, active }
			},
			now
		);
	});
}

export async function listPromoted(db: MlTrainerDb): Promise<PromotedRecord[]> {
	const rows = await db.promoted.toArray();
	return rows.map((r) => promotedRecordSchema.parse(r)).sort((a, b) => b.promotedAt - a.promotedAt);
}

export function watchPromoted(db: MlTrainerDb): Observable<PromotedRecord[]> {
	return liveQuery(() => listPromoted(db));
}
