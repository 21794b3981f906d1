/**
 * Analysis service: every analysis passes the compliance gateway (on the stored bytes, hashed again) before it
 * is stored, is audited, then runs in a worker (engine/analysis-runner.ts). Refusals come back as field-level
 * issues for the form or for Claude's tool call.
 */
import { pinInput, type StoredInput } from '../data/feature-input-pins';
import { version } from '$app/environment';
import { liveQuery, type Observable } from 'dexie';
import { requireEntry } from '../catalog/catalog';
import { checkAnalysis, type AnalysisDecision, type InputFacts } from '../compliance/analysis-policy';
import type { AnalysisRecord } from '../db/analysis-records';
import { appendAudit } from '../db/audit-log';
import type { DatasetRecord, SeriesRecord } from '../db/records';
import type { AnalysisInputRef } from '../domain/analysis-spec';
import { contentSha256 } from '../domain/content-hash';
import type { SpecIssue } from '../domain/trial-spec';
import { AnalysisRunner } from '../engine/analysis-runner';
import { db } from './db';
import { pool } from './engine';
import { storageErrorMessage } from './storage-errors';
import { newTrialId } from './trials';

export type SubmitAnalysisResult =
	{ ok: true; id: string } | { ok: false; code: string; reason: string; issues: readonly SpecIssue[] };

const progressListeners = new Set<(id: string, fraction: number) => void>();

export const analysisRunner = new AnalysisRunner({
	db,
	pool,
	onProgress: (id, fraction) => progressListeners.forEach((l) => l(id, fraction))
});

/** Live progress of running analyses (in this tab). */
export function onAnalysisProgress(listener: (id: string, fraction: number) => void): () => void {
	progressListeners.add(listener);
	return () => progressListeners.delete(listener);
}

type Stored = StoredInput;

async function readInput(ref: unknown): Promise<Stored | undefined> {
	if (typeof ref !== 'object' || ref === null) return undefined;
	const { kind, id } = ref as { kind?: unknown; id?: unknown };
	if (typeof id !== 'string') return undefined;
	if (kind === 'dataset') {
		const record = await db.datasets.get(id);
		return record && { kind, record };
	}
	if (kind === 'series') {
		const record = await db.series.get(id);
		return record && { kind, record };
	}
	return undefined;
}

function factsOf(s: Stored): InputFacts {
	const r = s.record;
	return s.kind === 'dataset'
		? {
				id: r.id,
				provenance: r.provenance,
				rows: s.record.bars.t.length,
				content: { recorded: r.contentSha256, actual: contentSha256({ ...s.record.bars }) }
			}
		: {
				id: r.id,
				provenance: r.provenance,
				rows: s.record.t.length,
				content: {
					recorded: r.contentSha256,
					actual: contentSha256({ t: s.record.t, value: s.record.value })
				}
			};
}

/** The stored inputs an analysis names, read (and their content hashed again) for the gateway. */
async function gather(input: unknown): Promise<(ref: AnalysisInputRef) => Stored | undefined> {
	const refs =
		typeof input === 'object' && input !== null && Array.isArray((input as { inputs?: unknown }).inputs)
			? ((input as { inputs: unknown[] }).inputs as unknown[])
			: [];
	const stored = new Map<string, Stored>();
	for (const ref of refs) {
		const s = await readInput(ref);
		if (s) stored.set(`${s.kind}:${s.record.id}`, s);
	}
	return (ref) => stored.get(`${ref.kind}:${ref.id}`);
}

/** The gateway's decision on an analysis spec against what storage holds now (Claude's proposals ask it too). */
export async function checkAnalysisNow(input: unknown): Promise<AnalysisDecision> {
	const lookup = await gather(input);
	return checkAnalysis(input, (ref) => {
		const s = lookup(ref);
		return s && factsOf(s);
	});
}

export async function submitAnalysis(input: unknown): Promise<SubmitAnalysisResult> {
	const lookup = await gather(input);
	const decision = checkAnalysis(input, (ref) => {
		const s = lookup(ref);
		return s && factsOf(s);
	});
	const model =
		typeof input === 'object' && input !== null && 'model' in input
			? String((input as { model?: { id?: unknown } }).model?.id ?? '')
			: '';
	const now = Date.now();
	const id = newTrialId(now);
	const audited = await appendAudit(db, {
		type: 'compliance.decision',
		subject: decision.allowed ? id : model,
		summary: decision.allowed
			? `Analysis admitted: ${model}`
			: `Analysis refused (${decision.code}): ${decision.reason}`.slice(0, 300),
		detail: {
			allowed: decision.allowed,
			code: decision.code,
			reason: decision.reason.slice(0, 1000),
			where: 'submit_analysis',
			model
		}
	}).then(
		() => null,
		(e: unknown) => storageErrorMessage('The analysis', e)
	);
	if (audited !== null) return { ok: false, code: 'storage_failed', reason: audited, issues: [] };
	if (!decision.allowed)
		return { ok: false, code: decision.code, reason: decision.reason, issues: decision.issues };
	const entry = requireEntry(decision.spec.model.id);
	const record: AnalysisRecord = {
		id,
		spec: decision.spec,
		task: entry.task as AnalysisRecord['task'],
		input: decision.input,
		status: 'running',
		inputs: decision.spec.inputs.map((ref) => pinInput(lookup(ref)!)),
		alignedRows: null,
		firstT: null,
		lastT: null,
		result: null,
		error: null,
		leaseUntil: 0,
		attempts: 0,
		runMs: null,
		appVersion: version,
		createdAt: now,
		finishedAt: null
	};
	try {
		await db.transaction('rw', db.analyses, db.audit, async () => {
			await db.analyses.add(record);
			await appendAudit(db, {
				type: 'analysis.created',
				subject: id,
				summary:
					`Analysis started: ${record.spec.model.id}${record.inputs.length ? ` on ${record.inputs.map((i) => i.name).join(', ')}` : ''}`.slice(
						0,
						300
					),
				detail: {
					model: record.spec.model.id,
					inputs: record.inputs.map((i) => `${i.kind}:${i.id}@${i.contentSha256.slice(0, 12)}`)
				}
			});
		});
	} catch (e) {
		return { ok: false, code: 'storage_failed', reason: storageErrorMessage('The analysis', e), issues: [] };
	}
	void analysisRunner.run(id);
	return { ok: true, id };
}

/** Runs every analysis a closed or crashed tab left running, once its lease has passed. */
export function resumeAnalyses(): Promise<number> {
	return analysisRunner.resume();
}

export function deleteAnalysis(id: string): Promise<void> {
	return db.analyses.delete(id);
}

/** Runs again with the same spec on the same inputs (a new record; the old one stays). */
export async function rerunAnalysis(id: string): Promise<SubmitAnalysisResult> {
	const rec = await db.analyses.get(id);
	if (!rec) return { ok: false, code: 'invalid_spec', reason: 'that analysis no longer exists', issues: [] };
	return submitAnalysis(rec.spec);
}

export function watchAnalyses(): Observable<AnalysisRecord[]> {
	return liveQuery(() => db.analyses.orderBy('createdAt').reverse().toArray());
}

export function watchAnalysis(id: string): Observable<AnalysisRecord | undefined> {
	return liveQuery(() => db.analyses.get(id));
}

/** What an analysis can read: every stored dataset version (newest first) and every value series. */
export function watchAnalysisInputs(): Observable<{ datasets: DatasetRecord[]; series: SeriesRecord[] }> {
	return liveQuery(async () => ({
		datasets: (await db.datasets.toArray()).sort(
			(a, b) => a.name.localeCompare(b.name) || b.version - a.version
		),
		series: (await db.series.toArray())
			.filter((s) => s.archivedFrom === undefined)
			.sort((a, b) => a.name.localeCompare(b.name))
	}));
}

/**
 * Resolves when the analysis has finished (completed or failed), with its record; rejects after `timeoutMs`.
 * Approved proposals wait for it so that Claude gets the result in the same turn.
 */
export function waitForAnalysis(id: string, timeoutMs: number): Promise<AnalysisRecord> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			sub.unsubscribe();
			reject(new Error(`the analysis did not finish within ${Math.round(timeoutMs / 1000)} s`));
		}, timeoutMs);
		const sub = watchAnalysis(id).subscribe({
			next: (rec) => {
				if (!rec) {
					clearTimeout(timer);
					sub.unsubscribe();
					reject(new Error('the analysis was deleted before it finished'));
				} else if (rec.status !== 'running') {
					clearTimeout(timer);
					sub.unsubscribe();
					resolve(rec);
				}
			},
			error: (e: unknown) => {
				clearTimeout(timer);
				reject(e instanceof Error ? e : new Error(String(e)));
			}
		});
	});
}
