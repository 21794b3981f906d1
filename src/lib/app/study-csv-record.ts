/**
 * The study record an Optuna CSV becomes: the base trial (a stored trial the user chose) supplies the model, the
 * data, the target, the validation and the costs; the file supplies the trials, as observations only. The study
 * is stopped and marked imported (`origin`); its entries have no trial record here (`trialId` null), so nothing
 * that needs a trial's folds — the Deflated Sharpe Ratio, the PBO, the look-ahead check — is available, and the
 * report says so. It warm-starts the next TPE study of the same model on the same series with the same objective
 * (engine/study-data.ts priorObservations reads complete trials of stopped studies). Pure.
 */
import type { TrialRecord } from '../db/records';
import { studyRecordSchema, type StudyRecord, type StudyTrial } from '../db/study-records';
import { OBJECTIVES, type ObjectiveMetric } from '../research/study/objective';
import { bestOf } from '../research/study/plan';
import { studySpecSchema } from '../research/study/spec';
import { optunaTrialsFor, readOptunaCsv, type CsvIssue, type CsvResult } from './study-csv-import';

/** Why an imported study reports no DSR and no PBO. */
export const IMPORTED_NO_RETURNS =
	'its trials were imported from an Optuna CSV, which holds parameters and values but no returns: there is nothing to compute it from';

export interface OptunaImport {
	readonly text: string;
	readonly fileName: string;
	readonly base: TrialRecord;
	/** What the file's `value` column measured (the file does not say). */
	readonly metric: ObjectiveMetric;
	readonly id: string;
	readonly now: number;
	readonly appVersion: string;
}

const fileIssue = (message: string): CsvResult<StudyRecord> => ({
	ok: false,
	issues: [{ row: null, column: null, message }]
});

export function optunaStudyRecord(input: OptunaImport): CsvResult<StudyRecord> {
	const { base, now } = input;
	if (base.spec.model.tune)
		return fileIssue('the base trial tunes a grid per fold; choose a trial with fixed parameters');
	if (!base.data) return fileIssue('the base trial has no pinned dataset version; choose another trial');
	const csv = readOptunaCsv(input.text);
	if (!csv.ok) return csv;
	const mapped = optunaTrialsFor(csv.value, base.spec.model.id, now);
	if (!mapped.ok) return mapped;
	const trials: StudyTrial[] = mapped.value.map((t) => ({ ...t, trialId: null }));
	const { tune: _tune, ...model } = base.spec.model;
	const metric = input.metric;
	const spec = studySpecSchema.safeParse({
		name: `Imported: ${input.fileName}`.slice(0, 120),
		base: { ...base.spec, name: '', model },
		search: Object.fromEntries(csv.value.paramNames.map((n) => [n, 'full'])),
		// Not known from the file: Optuna's default (TPESampler) is recorded, and `origin` marks the study imported
		// so that pages and Claude say "unknown" instead.
		sampler: 'tpe',
		budget: { trials: Math.max(2, trials.length), minutes: null },
		objective: { metric, direction: OBJECTIVES[metric].direction },
		pruning: { kind: 'none' },
		parallel: 1,
		seed: base.spec.seed
	});
	if (!spec.success) {
		const i = spec.error.issues[0];
		return fileIssue(`the study would not be valid: ${i.path.join('.')}: ${i.message}`);
	}
	const best = bestOf(trials, spec.data.objective.direction);
	const record = studyRecordSchema.safeParse({
		id: input.id,
		spec: spec.data,
		status: 'stopped',
		stopReason: `imported from the Optuna CSV ${input.fileName}`,
		error: null,
		createdAt: now,
		finishedAt: now,
		leaseUntil: 0,
		leaseOwner: '',
		data: base.data,
		appVersion: input.appVersion,
		trials,
		report: {
			computedAt: now,
			bestNumber: best?.number ?? null,
			dsr: { ok: false, reason: IMPORTED_NO_RETURNS },
			pbo: { ok: false, reason: IMPORTED_NO_RETURNS }
		},
		origin: {
			kind: 'optuna_csv',
			fileName: input.fileName.slice(0, 255),
			importedAt: now,
			baseTrialId: base.id,
			ignoredColumns: csv.value.ignoredColumns.map((c) => c.slice(0, 200)).slice(0, 200)
		}
	});
	if (!record.success) {
		const i = record.error.issues[0];
		return fileIssue(`the study would not be valid: ${i.path.join('.')}: ${i.message}`);
	}
	return { ok: true, value: record.data };
}

export type { CsvIssue };
