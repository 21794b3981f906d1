/**
 * Trial service: every trial passes the compliance gateway before a single job exists, then goes to the
 * engine. Refusals come back as field-level issues for the form (or, later, for Claude's tool call).
 */
import { version } from '$app/environment';
import { liveQuery } from 'dexie';
import { checkTrial, type InputLookup } from '../compliance/trial-policy';
import { appendAudit } from '../db/audit-log';
import { contentSha256 } from '../domain/content-hash';
import { pinnedDataOf } from '../data/dataset-record';
import { inputFactsOf, pinInput, type StoredInput } from '../data/feature-input-pins';
import { MAX_FEATURE_INPUTS } from '../domain/feature-inputs';
import { foldDates } from '../domain/splits';
import { createTrial, type NewTrial } from '../engine/job-store';
import { latestVersion } from './dataset-versions';
import { storageErrorMessage } from './storage-errors';
import type { SpecIssue } from '../domain/trial-spec';
import { db } from './db';
import { engine, pool } from './engine';
import { runLookaheadCheck, type LookaheadOutcome } from '../engine/lookahead-runner';

export type SubmitResult =
	{ ok: true; id: string } | { ok: false; code: string; reason: string; issues: readonly SpecIssue[] };

/** Sortable by creation time (base-36 ms) and unique (random suffix from WebCrypto). */
export function newTrialId(now: number): string {
	const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, '0');
	return `${now.toString(36).padStart(9, '0')}-${random}`;
}

export type Admitted =
	{ ok: true; trial: NewTrial } | { ok: false; code: string; reason: string; issues: readonly SpecIssue[] };

/**
 * The gateway for one trial: checks the spec against the dataset storage holds now (its columns hashed again and
 * compared with the hash recorded when it was stored), audits the decision, and returns the trial to store,
 * pinned to that dataset version with its folds as dates. Writes no trial.
 */
export async function admitTrial(
	input: unknown,
	id: string,
	now: number,
	where: 'submit' | 'study' = 'submit'
): Promise<Admitted> {
	const datasetId =
		typeof input === 'object' && input !== null && 'datasetId' in input ? String(input.datasetId) : '';
	const dataset = datasetId ? await db.datasets.get(datasetId) : undefined;
	const stored = await storedInputs(input);
	const decision = checkTrial(
		input,
		dataset && {
			id: dataset.id,
			provenance: dataset.provenance,
			rows: dataset.bars.t.length,
			t: dataset.bars.t,
			frequency: dataset.frequency,
			content: { recorded: dataset.contentSha256, actual: contentSha256({ ...dataset.bars }) }
		},
		lookupOf(stored)
	);
	const model =
		typeof input === 'object' && input !== null && 'model' in input
			? String((input as { model?: { id?: unknown } }).model?.id ?? '')
			: '';
	const audited = await appendAudit(db, {
		type: 'compliance.decision',
		subject: datasetId,
		summary: decision.allowed
			? `Trial admitted: ${model} on ${datasetId}`
			: `Trial refused (${decision.code}): ${decision.reason}`,
		detail: {
			allowed: decision.allowed,
			code: decision.code,
			reason: decision.reason,
			where,
			model,
			datasetId
		}
	}).then(
		() => null,
		(e: unknown) => storageErrorMessage('The trial', e)
	);
	if (audited !== null) return { ok: false, code: 'storage_failed', reason: audited, issues: [] };
	if (!decision.allowed)
		return { ok: false, code: decision.code, reason: decision.reason, issues: decision.issues };
	const ds = dataset!;
	return {
		ok: true,
		trial: {
			id,
			spec: decision.spec,
			task: decision.task,
			appVersion: version,
			// Pinned: every fold, retry and re-run uses exactly this version, its folds fixed as dates.
			data: pinnedDataOf(ds),
			foldBounds: foldDates(ds.bars.t, decision.splits),
			now,
			// Pinned the same way: each fold sends these versions, checked against these hashes.
			...(decision.spec.features.inputs
				? { inputs: decision.spec.features.inputs.map((i) => pinInput(stored.get(`${i.kind}:${i.id}`)!)) }
				: {})
		}
	};
}

function lookupOf(stored: Map<string, StoredInput>): InputLookup {
	return (ref) => {
		const s = stored.get(`${ref.kind}:${ref.id}`);
		return s && inputFactsOf(s);
	};
}

/** The gateway's view of the feature inputs a spec names, as stored now (for checks before a trial exists). */
export async function inputLookupFor(input: unknown): Promise<InputLookup> {
	return lookupOf(await storedInputs(input));
}

/** The stored records a trial spec's features.inputs names (those that exist), keyed `kind:id`. */
async function storedInputs(input: unknown): Promise<Map<string, StoredInput>> {
	const features =
		typeof input === 'object' && input !== null && 'features' in input ? (input.features as unknown) : null;
	const refs =
		typeof features === 'object' &&
		features !== null &&
		'inputs' in features &&
		Array.isArray(features.inputs)
			? (features.inputs as unknown[])
			: [];
	const out = new Map<string, StoredInput>();
	for (const ref of refs.slice(0, MAX_FEATURE_INPUTS)) {
		if (typeof ref !== 'object' || ref === null) continue;
		const { kind, id } = ref as { kind?: unknown; id?: unknown };
		if (typeof id !== 'string') continue;
		if (kind === 'dataset') {
			const record = await db.datasets.get(id);
			if (record) out.set(`dataset:${id}`, { kind, record });
		} else if (kind === 'series') {
			const record = await db.series.get(id);
			if (record) out.set(`series:${id}`, { kind, record });
		}
	}
	return out;
}

export async function submitTrial(input: unknown): Promise<SubmitResult> {
	const now = Date.now();
	const id = newTrialId(now);
	const admitted = await admitTrial(input, id, now);
	if (!admitted.ok) return admitted;
	try {
		await createTrial(db, admitted.trial);
	} catch (e) {
		// Storage full or a failed transaction: nothing was written (one transaction); say so in words.
		return { ok: false, code: 'storage_failed', reason: storageErrorMessage('The trial', e), issues: [] };
	}
	engine.pump();
	// The user has work worth keeping now: ask the browser not to evict this origin's storage under pressure.
	void navigator.storage?.persist?.().catch(() => undefined);
	return { ok: true, id };
}

/**
 * "Run again on the latest data": a new trial with the same settings on the newest version of the same series
 * (never a silent change of the original's data). Refused like any submission when the settings do not fit.
 */
export async function rerunOnLatest(trialId: string): Promise<SubmitResult> {
	const trial = await db.trials.get(trialId);
	if (!trial) return { ok: false, code: 'invalid_spec', reason: 'that trial no longer exists', issues: [] };
	const seriesKey = trial.data?.seriesKey ?? trial.spec.datasetId;
	const latest = await latestVersion(db, seriesKey);
	if (!latest) {
		return {
			ok: false,
			code: 'unknown_dataset',
			reason: `no version of "${trial.data?.name ?? seriesKey}" is stored any more`,
			issues: []
		};
	}
	const name = trial.spec.name ? `${trial.spec.name} (v${latest.version})`.slice(0, 120) : '';
	return submitTrial({ ...trial.spec, name, datasetId: latest.id });
}

export function cancelTrial(id: string): Promise<boolean> {
	return engine.cancel(id);
}

/** Deletes a finished trial with its jobs and results. */
export async function deleteTrial(id: string): Promise<void> {
	await engine.cancel(id);
	await db.transaction('rw', db.trials, db.jobs, db.results, async () => {
		await db.results.where('trialId').equals(id).delete();
		await db.jobs.where('trialId').equals(id).delete();
		await db.trials.delete(id);
	});
}

/**
 * Queued work written by another tab wakes this tab's scheduler, and a trial cancelled in another tab stops
 * its folds running here (liveQuery crosses tabs).
 */
export function watchQueue(): () => void {
	const queued = liveQuery(() => db.jobs.where('status').equals('queued').count()).subscribe({
		next: (n) => {
			if (n > 0) engine.pump();
		}
	});
	const cancelled = liveQuery(() => db.trials.where('status').equals('cancelled').primaryKeys()).subscribe({
		next: (ids) => engine.abortTrials(ids)
	});
	return () => {
		queued.unsubscribe();
		cancelled.unsubscribe();
	};
}

/**
 * The look-ahead (truncation) check of a completed trial: its test predictions re-made on data cut after each
 * one, on a worker; the verdict is stored on the trial and audited.
 */
export async function checkTrialLookahead(
	id: string,
	onProgress?: (fraction: number) => void
): Promise<LookaheadOutcome> {
	return runLookaheadCheck(db, pool, id, { onProgress });
}
