/**
 * The scanner (issue 12): every active promoted trial, on every member of a universe, for both horizons.
 *
 * Per cell (promoted trial × symbol × horizon): the promoted spec re-run as a walk-forward trial on the symbol's
 * newest stored version with the target over the horizon (research/recommend/scan-spec.ts) — through the same
 * gateway, engine and workers as any trial, stored and visible — whose stitched out-of-sample predictions
 * calibrate the score; then the model refitted on everything known before the last closed bar scores that bar
 * (engine/score-runner.ts); the calibrated probability goes through the rules (research/recommend/rules.ts).
 * A scan trial with the same spec on the same version that already completed (or is running) is reused, so a scan
 * repeated before new bars arrive costs only the scores. Accepted candidates are stored as ranked
 * recommendations with the regime of their symbol; each cell records what happened to it. A scan left 'running'
 * by a closed tab is resumed with the same request (its finished trials are reused).
 */
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import {
	foldResultRecordSchema,
	trialRecordSchema,
	type DatasetRecord,
	type TrialRecord
} from '../db/records';
import {
	recommendationRecordSchema,
	scanRecordSchema,
	type RecommendationRecord,
	type ScanCell,
	type ScanRecord
} from '../db/scanner-records';
import type { UniverseMember } from '../db/universe-records';
import { stitchFolds } from '../domain/aggregate';
import { errorMessage } from '../domain/errors';
import { trialSpecSchema, type TrialSpecInput } from '../domain/trial-spec';
import type { WorkerPool } from '../engine/worker-pool';
import { scoreLastBar } from '../engine/score-runner';
import { loadTrialInputs } from '../engine/trial-inputs';
import { candidateFrom } from '../research/recommend/candidate';
import { HORIZONS } from '../research/recommend/rule-settings';
import {
	rankRecommendations,
	recommend,
	type Recommendation,
	type RecommendationCandidate
} from '../research/recommend/rules';
import { scanSpec } from '../research/recommend/scan-spec';
import type { TrialWorkerApi } from '../workers/protocol';
import { latestVersion } from './dataset-versions';
import { promotedFor, regimeOf, reusableTrial, withLatestInputs } from './scan-steps';
import { loadScannerSettings } from './scanner-settings';
import type { SubmitResult } from './trials';

/** No scan trial may take longer than this to settle. */
export const SCAN_TRIAL_DEADLINE_MS = 60 * 60_000;
const POLL_MS = 500;

export interface ScanDeps {
	readonly db: MlTrainerDb;
	readonly pool: WorkerPool<TrialWorkerApi>;
	/** Admits and stores a trial (app/trials.ts submitTrial in the app). */
	readonly submit: (spec: TrialSpecInput) => Promise<SubmitResult>;
	readonly now?: () => number;
	readonly pollMs?: number;
	readonly trialDeadlineMs?: number;
	readonly signal?: AbortSignal;
}

export interface ScanRequest {
	readonly universeName: string;
	readonly members: readonly UniverseMember[];
	/** Default: every active promoted trial. */
	readonly promotedIds?: readonly string[];
}

export class ScanError extends Error {
	readonly code: 'nothing_promoted' | 'no_members' | 'unknown_scan' | 'cancelled';
	constructor(code: ScanError['code'], message: string) {
		super(message);
		this.name = 'ScanError';
		this.code = code;
	}
}

export function newScanId(now: number): string {
	const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, '0');
	return `scan-${now.toString(36).padStart(9, '0')}-${random}`;
}

async function settledTrial(deps: ScanDeps, id: string): Promise<TrialRecord> {
	const now = deps.now ?? Date.now;
	const deadline = deps.trialDeadlineMs ?? SCAN_TRIAL_DEADLINE_MS;
	const until = now() + deadline;
	for (;;) {
		if (deps.signal?.aborted) throw new ScanError('cancelled', 'the scan was cancelled');
		const row = await deps.db.trials.get(id);
		if (!row) throw new Error(`its trial ${id} was deleted`);
		const t = trialRecordSchema.parse(row);
		if (t.status === 'completed' || t.status === 'failed' || t.status === 'cancelled') return t;
		if (now() > until)
			throw new Error(`its trial did not finish within ${Math.round(deadline / 60_000)} minutes`);
		await new Promise((r) => setTimeout(r, deps.pollMs ?? POLL_MS));
	}
}

/** Starts (or, with `scanId`, resumes) a scan and runs it to the end; progress is visible in the stored record. */
export async function runScan(deps: ScanDeps, request: ScanRequest, scanId?: string): Promise<ScanRecord> {
	const { db } = deps;
	const now = deps.now ?? Date.now;
	const promoted = await promotedFor(db, request.promotedIds);
	if (promoted.length === 0)
		throw new ScanError('nothing_promoted', 'promote a trial to the scanner first (its page has the button)');
	if (request.members.length === 0) throw new ScanError('no_members', 'the universe has no members');
	const cells: ScanCell[] = [];
	for (const p of promoted)
		for (const m of request.members)
			for (const horizon of HORIZONS)
				cells.push({
					seriesKey: m.seriesKey,
					symbol: m.symbol,
					horizon,
					promotedId: p.id,
					trialId: null,
					status: 'pending',
					score: null,
					dataDate: null,
					probability: null,
					reason: null
				});
	let record: ScanRecord = scanRecordSchema.parse({
		id: scanId ?? newScanId(now()),
		universeName: request.universeName,
		seriesKeys: request.members.map((m) => m.seriesKey),
		promotedIds: promoted.map((p) => p.id),
		status: 'running',
		startedAt: now(),
		finishedAt: null,
		cells,
		dataDate: null,
		regimes: {},
		error: null
	});
	const save = async () => {
		await db.scans.put(record);
	};
	const setCell = async (i: number, patch: Partial<ScanCell>) => {
		record = { ...record, cells: record.cells.map((c, k) => (k === i ? { ...c, ...patch } : c)) };
		await save();
	};
	await save();

	const byId = new Map(promoted.map((p) => [p.id, p]));
	const versions = new Map<string, DatasetRecord | undefined>();
	const versionOf = async (key: string) => {
		if (!versions.has(key)) versions.set(key, await latestVersion(db, key));
		return versions.get(key);
	};
	try {
		// 1. Every evidence trial submitted first, so the engine's workers run them side by side.
		for (const [i, c] of record.cells.entries()) {
			const ds = await versionOf(c.seriesKey);
			if (!ds || ds.bars.t.length === 0) {
				await setCell(i, {
					status: 'failed',
					reason: `no stored bars for ${c.symbol}: fetch the universe first`
				});
				continue;
			}
			if (!record.regimes[c.seriesKey])
				record = { ...record, regimes: { ...record.regimes, [c.seriesKey]: regimeOf(ds) } };
			const p = byId.get(c.promotedId)!;
			const spec = scanSpec(await withLatestInputs(db, p.spec), {
				datasetId: ds.id,
				symbol: c.symbol,
				horizon: c.horizon,
				label: p.label
			});
			const parsed = trialSpecSchema.safeParse(spec);
			if (!parsed.success) {
				await setCell(i, { status: 'failed', reason: parsed.error.issues[0]?.message ?? 'invalid spec' });
				continue;
			}
			const reused = await reusableTrial(db, parsed.data);
			if (reused) {
				await setCell(i, { status: 'running', trialId: reused.id });
				continue;
			}
			const submitted = await deps.submit(spec);
			if (!submitted.ok) await setCell(i, { status: 'failed', reason: submitted.reason });
			else await setCell(i, { status: 'running', trialId: submitted.id });
		}

		// 2. As each settles: its out-of-sample evidence, the score of the last bar, the candidate.
		const candidates: {
			cell: number;
			candidate: RecommendationCandidate;
			trialId: string;
			horizonDays: number;
		}[] = [];
		for (const [i, c] of record.cells.entries()) {
			if (c.status !== 'running' || !c.trialId) continue;
			let trial: TrialRecord;
			try {
				trial = await settledTrial(deps, c.trialId);
			} catch (e) {
				// Cancelling stops the scan; a trial deleted or past its deadline fails only its own cell.
				if (e instanceof ScanError) throw e;
				await setCell(i, { status: 'failed', reason: errorMessage(e) });
				continue;
			}
			if (trial.status !== 'completed') {
				await setCell(i, {
					status: 'failed',
					reason: `its trial ${trial.status}: ${trial.error ?? 'no reason given'}`
				});
				continue;
			}
			const ds = (await versionOf(c.seriesKey))!;
			const inputs = await loadTrialInputs(db, trial);
			if (!inputs.ok) {
				await setCell(i, { status: 'failed', reason: inputs.reason });
				continue;
			}
			const scored = await scoreLastBar(deps.pool, ds, trial.spec, { inputs: inputs.inputs });
			if (!scored.ok) {
				await setCell(i, { status: 'failed', reason: scored.reason });
				continue;
			}
			const folds = (await db.results.where('trialId').equals(trial.id).toArray()).map((r) =>
				foldResultRecordSchema.parse(r)
			);
			const made = candidateFrom({
				symbol: c.symbol,
				horizon: c.horizon,
				horizonDays: trial.spec.target.horizon,
				modelId: trial.spec.model.id,
				task: trial.task,
				dataDate: scored.dataDate,
				entry: scored.close,
				score: scored.score,
				outOfSample: stitchFolds(folds)
			});
			if (!made.ok) {
				await setCell(i, {
					status: 'rejected',
					score: scored.score,
					dataDate: scored.dataDate,
					reason: made.reason
				});
				continue;
			}
			await setCell(i, {
				status: 'scored',
				score: scored.score,
				dataDate: scored.dataDate,
				probability: made.candidate.probability
			});
			candidates.push({
				cell: i,
				candidate: made.candidate,
				trialId: trial.id,
				horizonDays: trial.spec.target.horizon
			});
		}

		// 3. The rules, the ranking, the stored recommendations.
		const { rules } = await loadScannerSettings(db);
		const accepted: { recommendation: Recommendation; at: (typeof candidates)[number] }[] = [];
		for (const at of candidates) {
			const o = recommend(at.candidate, rules);
			if (o.accepted) accepted.push({ recommendation: o.recommendation, at });
			else await setCell(at.cell, { status: 'rejected', reason: o.rejection.detail });
		}
		const ranked = rankRecommendations(accepted.map((a) => a.recommendation));
		const created = now();
		const recs: RecommendationRecord[] = [];
		for (const [k, r] of ranked.entries()) {
			const a = accepted.find((x) => x.recommendation === r)!;
			const cell = record.cells[a.at.cell];
			const ds = (await versionOf(cell.seriesKey))!;
			recs.push(
				recommendationRecordSchema.parse({
					...r,
					id: `${record.id}-${k + 1}`,
					scanId: record.id,
					createdAt: created,
					seriesKey: cell.seriesKey,
					horizonDays: a.at.horizonDays,
					promotedId: cell.promotedId,
					trialId: a.at.trialId,
					probabilityStdError: Number.isFinite(r.probabilityStdError) ? r.probabilityStdError : null,
					rank: k + 1,
					regime: record.regimes[cell.seriesKey] ?? regimeOf(ds),
					positionId: null,
					outcome: null
				})
			);
		}
		const dates = record.cells.map((c) => c.dataDate).filter((d): d is string => d !== null);
		record = {
			...record,
			status: 'completed',
			finishedAt: now(),
			dataDate: dates.length ? dates.sort().at(-1)! : null
		};
		await db.transaction('rw', db.scans, db.recommendations, db.audit, async () => {
			await db.recommendations.where('scanId').equals(record.id).delete();
			await db.recommendations.bulkAdd(recs);
			await db.scans.put(record);
			await appendAudit(
				db,
				{
					type: 'scanner.scan',
					subject: record.id,
					summary: `Scan of ${request.universeName}: ${recs.length} recommendation${recs.length === 1 ? '' : 's'} from ${candidates.length} scored of ${record.cells.length} (data to ${record.dataDate ?? 'none'})`,
					detail: {
						universe: request.universeName,
						cells: record.cells.length,
						scored: candidates.length,
						recommendations: recs.length,
						dataDate: record.dataDate
					}
				},
				now()
			);
		});
		return record;
	} catch (e) {
		const cancelled = e instanceof ScanError && e.code === 'cancelled';
		record = {
			...record,
			status: cancelled ? 'cancelled' : 'failed',
			finishedAt: now(),
			error: errorMessage(e)
		};
		await save();
		throw e;
	}
}

/** Runs a stored scan again with its own request (a tab closed mid-scan leaves it 'running'). */
export async function resumeScan(deps: ScanDeps, scanId: string): Promise<ScanRecord> {
	const row = await deps.db.scans.get(scanId);
	if (!row) throw new ScanError('unknown_scan', 'that scan no longer exists');
	const s = scanRecordSchema.parse(row);
	const members: UniverseMember[] = [];
	for (const key of s.seriesKeys) {
		const symbol = s.cells.find((c) => c.seriesKey === key)?.symbol ?? key;
		members.push({ symbol, seriesKey: key });
	}
	return runScan(deps, { universeName: s.universeName, members, promotedIds: s.promotedIds }, s.id);
}
