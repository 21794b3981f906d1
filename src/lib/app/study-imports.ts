/**
 * Importing a study from an Optuna trials_dataframe CSV: the pure reading and record building are in
 * study-csv-import.ts and study-csv-record.ts; this stores the record with its audit event. (A study exported
 * as JSON by this app comes back through studies.ts importStudy.)
 */
import { version } from '$app/environment';
import { appendAudit } from '../db/audit-log';
import { trialRecordSchema } from '../db/records';
import type { ObjectiveMetric } from '../research/study/objective';
import { db } from './db';
import type { SubmitStudyResult } from './studies';
import { storageErrorMessage } from './storage-errors';
import { csvIssueText } from './study-csv-import';
import { optunaStudyRecord } from './study-csv-record';
import { newTrialId } from './trials';

/**
 * Stores a study read from an Optuna trials_dataframe CSV (app/study-csv-record.ts) over a stored base trial of
 * the same model: stopped, marked imported, its entries observations with no trial record.
 */
export async function importOptunaStudy(input: {
	readonly text: string;
	readonly fileName: string;
	readonly baseTrialId: string;
	readonly metric: ObjectiveMetric;
}): Promise<SubmitStudyResult> {
	const row = await db.trials.get(input.baseTrialId);
	if (!row)
		return {
			ok: false,
			code: 'unknown_trial',
			reason: 'the base trial is not in this workspace',
			issues: []
		};
	const now = Date.now();
	const built = optunaStudyRecord({
		text: input.text,
		fileName: input.fileName,
		base: trialRecordSchema.parse(row),
		metric: input.metric,
		id: `study-${newTrialId(now)}`,
		now,
		appVersion: version
	});
	if (!built.ok)
		return {
			ok: false,
			code: 'invalid_file',
			reason: built.issues.map(csvIssueText).join('; '),
			issues: built.issues.map((i) => ({ path: i.column ?? '', message: csvIssueText(i) }))
		};
	const s = built.value;
	try {
		await db.transaction('rw', db.studies, db.audit, async () => {
			await db.studies.add(s);
			await appendAudit(db, {
				type: 'study.created',
				subject: s.id,
				summary: `Study "${s.spec.name}" imported from an Optuna CSV: ${s.trials.length} trials of ${s.spec.base.model.id} over base trial ${input.baseTrialId}, values read as ${s.spec.objective.metric} (no trial records: observations only)`,
				detail: {
					imported: true,
					format: 'optuna_csv',
					fileName: s.origin?.fileName ?? input.fileName,
					trials: s.trials.length,
					model: s.spec.base.model.id,
					baseTrialId: input.baseTrialId,
					metric: s.spec.objective.metric,
					searched: Object.keys(s.spec.search)
				}
			});
		});
	} catch (e) {
		return { ok: false, code: 'storage_failed', reason: storageErrorMessage('The study', e), issues: [] };
	}
	return { ok: true, id: s.id };
}
