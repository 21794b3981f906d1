/**
 * A study of every trial state and every searchable parameter kind (a parameter left out, awkward notes, NaN),
 * and a base trial of its model: the fixtures of the Optuna CSV import specs (app/study-csv-*.spec.ts).
 */
import { trialRecordSchema, type TrialRecord } from '../db/records';
import { studyRecordSchema, type StudyRecord, type StudyTrial } from '../db/study-records';
import { csvIssueText, type CsvIssue } from '../app/study-csv-import';
import { studySpecSchema } from '../research/study/spec';
import { pinnedData, tinySpec } from './fixtures';

export const NOW = Date.UTC(2026, 11, 5, 8, 0, 0);
export const T0 = Date.UTC(2026, 11, 5, 4, 0, 0);

export const mlp = {
	hidden_layers: [16],
	activation: 'relu',
	dropout_rate: 0.1,
	epochs: 5,
	learning_rate: 0.01,
	batch_size: 32
};

export function baseTrial(modelId = 'feedforward_mlp', params: Record<string, unknown> = mlp): TrialRecord {
	return trialRecordSchema.parse({
		id: 'trial-base',
		spec: tinySpec({ model: { id: modelId, params } as TrialRecord['spec']['model'] }),
		task: 'regression',
		status: 'completed',
		createdAt: T0,
		startedAt: T0,
		finishedAt: T0 + 1,
		folds: 1,
		foldsDone: 1,
		foldsFailed: 0,
		error: null,
		summary: null,
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: [{ trainStartT: 0, trainEndT: 1, testStartT: 2, testEndT: 3 }]
	});
}

const entry = (
	number: number,
	state: StudyTrial['state'],
	value: number | null,
	params: StudyTrial['params'],
	note: string | null = null
): StudyTrial => ({
	number,
	trialId: `study-x.${String(number).padStart(3, '0')}`,
	params,
	state,
	value,
	intermediate: [0.1],
	note,
	createdAt: T0 + number * 61_000,
	finishedAt: state === 'running' ? null : T0 + number * 61_000 + 12_345
});

/** A study of every state, every searchable parameter kind, a parameter left out, awkward notes and NaN. */
export function exported(): StudyRecord {
	return studyRecordSchema.parse({
		id: 'study-x',
		spec: studySpecSchema.parse({
			base: tinySpec({ model: { id: 'feedforward_mlp', params: mlp } as TrialRecord['spec']['model'] }),
			search: { activation: 'full', dropout_rate: 'full', epochs: 'full', learning_rate: 'full' },
			sampler: 'tpe',
			budget: { trials: 10 },
			objective: { metric: 'sharpe' },
			seed: 1
		}),
		status: 'completed',
		stopReason: 'budget reached',
		error: null,
		createdAt: T0,
		finishedAt: T0 + 1,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 'test',
		trials: [
			entry(0, 'complete', 0.8123456789, {
				activation: 'tanh',
				dropout_rate: 0.25,
				epochs: 12,
				learning_rate: 0.0031
			}),
			entry(
				1,
				'pruned',
				-0.2,
				{ activation: 'relu', dropout_rate: 0, epochs: 3, learning_rate: 1e-4 },
				'pruned after fold 2, below the median'
			),
			entry(
				2,
				'failed',
				null,
				{ activation: 'elu', dropout_rate: 0.5, epochs: 40, learning_rate: 0.05 },
				'-1 "quoted", with a comma'
			),
			entry(3, 'complete', Number.NaN, { activation: 'selu', epochs: 7, learning_rate: 0.02 }),
			entry(4, 'running', null, { activation: 'sigmoid', dropout_rate: 0.3, epochs: 9, learning_rate: 0.001 })
		]
	});
}

export function ok<T>(r: { ok: true; value: T } | { ok: false; issues: readonly CsvIssue[] }): T {
	if (!r.ok) throw new Error(r.issues.map(csvIssueText).join('\n'));
	return r.value;
}

export function problems(r: { ok: boolean; issues?: readonly CsvIssue[] }): string[] {
	return r.ok ? [] : (r.issues ?? []).map(csvIssueText);
}
