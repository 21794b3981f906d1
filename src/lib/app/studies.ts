/**
 * Study service: a study passes the gateway before anything is stored (its spec, its search space against the
 * catalog, its base trial against the dataset), then its runner keeps trials queued until the budget is spent.
 * Every tab with a running study steps it once a second; the lease in the record lets one tab at a time do so,
 * and another takes over within half a minute when that tab closes or crashes.
 */
import { version } from '$app/environment';
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import { studyRecordSchema, type StudyRecord } from '../db/study-records';
import { issuesOf, type SpecIssue } from '../domain/trial-spec';
import { StudyRunner } from '../engine/study-runner';
import { holdoutIssues } from '../research/study/holdout-check';
import { studyPlan, trialSpecFor } from '../research/study/plan';
import { procedureMismatch, procedurePreset } from '../research/study/procedures';
import { fromUnit, SpaceError } from '../research/study/space';
import { studySpecSchema } from '../research/study/spec';
import { logger } from '../security/logger';
import { db } from './db';
import { engine } from './engine';
import { storageErrorMessage } from './storage-errors';
import { parseStudyJson } from './study-export';
import { samplerFor, shouldPrune } from './study-strategies';
import { admitTrial, cancelTrial, checkTrialLookahead, inputLookupFor, newTrialId } from './trials';

export type SubmitStudyResult =
	{ ok: true; id: string } | { ok: false; code: string; reason: string; issues: readonly SpecIssue[] };

/** A study started from a catalog procedure: which one, with which catalog parameters. */
export interface StudyOptions {
	readonly procedure?: { readonly id: string; readonly params: unknown };
}

/** How often a tab steps its running studies. */
export const STUDY_STEP_EVERY_MS = 1_000;

const owner = `tab-${crypto.getRandomValues(new Uint32Array(2)).join('-')}`;

export const studyRunner = new StudyRunner({
	db,
	owner,
	admit: async (spec, id, now) => {
		const a = await admitTrial(spec, id, now, 'study');
		return a.ok ? a : { ok: false, reason: a.reason };
	},
	samplerFor,
	shouldPrune,
	cancel: (trialId) => cancelTrial(trialId),
	onQueued: () => engine.pump(),
	// Every study's best trial is checked for look-ahead as soon as the study ends (issue 11).
	onFinished: (studyId, bestTrialId) => {
		if (bestTrialId)
			void checkTrialLookahead(bestTrialId).then(
				(r) => {
					if (!r.ok) logger.warn(`look-ahead check of study ${studyId}'s best trial: ${r.reason}`);
				},
				(e) => logger.error('look-ahead check failed', e)
			);
	}
});

let timer: ReturnType<typeof setInterval> | null = null;
let settled: { unsubscribe(): void } | null = null;
let stepping = false;
let again = false;

function tick(): void {
	if (stepping) {
		again = true;
		return;
	}
	stepping = true;
	void studyRunner
		.stepAll()
		.then((running) => {
			if (running === 0) {
				if (timer) clearInterval(timer);
				timer = null;
				settled?.unsubscribe();
				settled = null;
			}
		})
		.catch((e) => logger.error('stepping studies failed', e))
		.finally(() => {
			stepping = false;
			if (again) {
				again = false;
				tick();
			}
		});
}

/**
 * Steps running studies now, whenever a trial finishes (so the next one is queued at once, not at the next
 * timer tick), and every second until none is running (idempotent).
 */
export function runStudies(): void {
	tick();
	if (!timer) timer = setInterval(tick, STUDY_STEP_EVERY_MS);
	if (!settled)
		settled = liveQuery(() =>
			db.trials.where('status').anyOf('completed', 'failed', 'cancelled').count()
		).subscribe({
			next: () => tick(),
			error: (e: unknown) => logger.warn('watching finished trials failed', e)
		});
}

/**
 * Checks a study spec, its space and its base trial, without storing anything; with a procedure, also that the
 * spec runs the sampler and budget the procedure sets (so no record claims a procedure it did not run).
 */
export async function checkStudy(input: unknown, options: StudyOptions = {}): Promise<SubmitStudyResult> {
	const parsed = studySpecSchema.safeParse(input);
	if (!parsed.success)
		return {
			ok: false,
			code: 'invalid_spec',
			reason: 'the study settings are not valid',
			issues: issuesOf(parsed.error)
		};
	const spec = parsed.data;
	if (options.procedure) {
		const issues = procedureMismatch(spec, options.procedure);
		if (issues.length > 0)
			return {
				ok: false,
				code: 'invalid_procedure',
				reason: `the study does not run what procedure ${options.procedure.id} sets: ${issues.map((i) => i.message).join('; ')}`,
				issues
			};
	}
	let plan;
	try {
		plan = studyPlan(spec);
	} catch (e) {
		if (e instanceof SpaceError)
			return { ok: false, code: e.code, reason: e.message, issues: [{ path: 'search', message: e.message }] };
		throw e;
	}
	// The base trial with a point of the space (its centre) must pass the gateway: the dataset, the target,
	// the validation and the costs are the study's for every trial.
	const centre = Object.fromEntries(plan.space.map((d) => [d.name, fromUnit(d, 0.5)]));
	// A holdout leaves the search a fold and holds a full test window itself, or it is refused on its field.
	const dataset = spec.holdout ? await db.datasets.get(spec.base.datasetId) : undefined;
	if (dataset) {
		const facts = {
			id: dataset.id,
			provenance: dataset.provenance,
			rows: dataset.bars.t.length,
			t: dataset.bars.t,
			frequency: dataset.frequency
		};
		const inputs = await inputLookupFor(spec.base);
		const issues = holdoutIssues(spec, plan, centre, facts, inputs);
		if (issues.length > 0) return { ok: false, code: 'no_fold', reason: issues[0].message, issues };
	}
	const probe = await admitTrial(trialSpecFor(spec, plan, centre, 0), 'probe', Date.now(), 'study');
	if (!probe.ok) return probe;
	return { ok: true, id: '' };
}

export async function submitStudy(input: unknown, options: StudyOptions = {}): Promise<SubmitStudyResult> {
	const checked = await checkStudy(input, options);
	if (!checked.ok) return checked;
	const spec = studySpecSchema.parse(input);
	const preset = options.procedure ? procedurePreset(options.procedure.id, options.procedure.params) : null;
	const procedure = preset?.ok ? preset.run : undefined;
	const dataset = await db.datasets.get(spec.base.datasetId);
	if (!dataset) return { ok: false, code: 'unknown_dataset', reason: 'the dataset is gone', issues: [] };
	const now = Date.now();
	const id = `study-${newTrialId(now)}`;
	const record: StudyRecord = studyRecordSchema.parse({
		id,
		spec,
		status: 'running',
		stopReason: null,
		error: null,
		createdAt: now,
		finishedAt: null,
		leaseUntil: 0,
		leaseOwner: '',
		data: {
			datasetId: dataset.id,
			seriesKey: dataset.seriesKey,
			version: dataset.version,
			name: dataset.name,
			contentSha256: dataset.contentSha256,
			provenance: dataset.provenance,
			rows: dataset.bars.t.length,
			firstT: dataset.bars.t[0],
			lastT: dataset.bars.t[dataset.bars.t.length - 1]
		},
		appVersion: version,
		trials: [],
		...(procedure ? { procedure } : {})
	});
	try {
		await db.transaction('rw', db.studies, db.audit, async () => {
			await db.studies.add(record);
			await appendAudit(db, {
				type: 'study.created',
				subject: id,
				summary: `Study "${spec.name || id}" created${procedure ? ` by procedure ${procedure.id}` : ''}: ${spec.sampler} over ${[...Object.keys(spec.search), ...(spec.featureSearch ? ['generated feature sets'] : [])].join(', ')} of ${spec.base.model.id} on ${dataset.name}, ${spec.budget.trials} trials, ${spec.objective.direction} ${spec.objective.metric}`,
				detail: {
					model: spec.base.model.id,
					...(procedure ? { procedure: { id: procedure.id, params: procedure.params } } : {}),
					sampler: spec.sampler,
					search: Object.keys(spec.search),
					budget: spec.budget,
					objective: spec.objective,
					datasetId: dataset.id,
					contentSha256: dataset.contentSha256,
					seed: spec.seed
				}
			});
		});
	} catch (e) {
		return { ok: false, code: 'storage_failed', reason: storageErrorMessage('The study', e), issues: [] };
	}
	runStudies();
	void navigator.storage?.persist?.().catch(() => undefined);
	return { ok: true, id };
}

/** Stops sampling and cancels the running trials; finished trials stay. */
export async function stopStudy(id: string): Promise<boolean> {
	const now = Date.now();
	const running: string[] = [];
	const changed = await db.transaction('rw', db.studies, db.audit, async () => {
		const s = await db.studies.get(id);
		if (!s || s.status !== 'running') return false;
		const trials = s.trials.map((t) => {
			if (t.state !== 'running') return t;
			if (t.trialId) running.push(t.trialId);
			return {
				...t,
				state: 'failed' as const,
				note: 'cancelled when the study was stopped',
				finishedAt: now
			};
		});
		const holdout = s.holdout?.state === 'running' ? s.holdout : null;
		if (holdout?.trialId) running.push(holdout.trialId);
		await db.studies.put({
			...s,
			trials,
			...(holdout
				? {
						holdout: {
							...holdout,
							state: 'failed' as const,
							note: 'cancelled when the study was stopped',
							finishedAt: now
						}
					}
				: {}),
			status: 'stopped',
			stopReason: 'stopped by the user',
			finishedAt: now,
			leaseUntil: 0
		});
		await appendAudit(db, {
			type: 'study.stopped',
			subject: id,
			summary: `Study "${s.spec.name || id}" stopped by the user after ${s.trials.length} trials`,
			detail: { trials: s.trials.length, cancelled: running.length }
		});
		return true;
	});
	for (const trialId of running) await cancelTrial(trialId);
	if (changed) {
		// A stopped study still reports what its trials so far are worth.
		const s = await db.studies.get(id);
		if (s) await db.studies.update(id, { report: await studyRunner.report(studyRecordSchema.parse(s)) });
	}
	return changed;
}

/** Deletes the study record; its trials stay in Trials (they are ordinary trials). */
export async function deleteStudy(id: string): Promise<void> {
	await stopStudy(id);
	await db.studies.delete(id);
}

export function watchStudies(): Observable<StudyRecord[]> {
	return liveQuery(async () =>
		(await db.studies.orderBy('createdAt').reverse().toArray()).map((s) => studyRecordSchema.parse(s))
	);
}

export function watchStudy(id: string): Observable<StudyRecord | undefined> {
	return liveQuery(async () => {
		const s = await db.studies.get(id);
		return s ? studyRecordSchema.parse(s) : undefined;
	});
}

/** Stores a study read from an exported file (app/study-export.ts parseStudyJson); refuses an id already here. */
export async function importStudy(text: string): Promise<SubmitStudyResult> {
	const read = parseStudyJson(text);
	if (!read.ok) return { ok: false, code: 'invalid_file', reason: read.reason, issues: [] };
	const s = read.study;
	try {
		const added = await db.transaction('rw', db.studies, db.audit, async () => {
			if (await db.studies.get(s.id)) return false;
			await db.studies.add(s);
			await appendAudit(db, {
				type: 'study.created',
				subject: s.id,
				summary: `Study "${s.spec.name || s.id}" imported from a file: ${s.trials.length} trials of ${s.spec.base.model.id} (its trials' records are not in this workspace)`,
				detail: { imported: true, trials: s.trials.length, model: s.spec.base.model.id, status: s.status }
			});
			return true;
		});
		if (!added)
			return { ok: false, code: 'duplicate', reason: 'this study is already in the workspace', issues: [] };
	} catch (e) {
		return { ok: false, code: 'storage_failed', reason: storageErrorMessage('The study', e), issues: [] };
	}
	return { ok: true, id: s.id };
}
