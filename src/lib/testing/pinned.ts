/** Test helper: a NewTrial pinned to a stored dataset version, its folds as dates, as submitTrial records it. */
import { taskOf } from '../compliance/trial-policy';
import { pinnedDataOf } from '../data/dataset-record';
import type { DatasetRecord } from '../db/records';
import { featureWarmup } from '../domain/feature-spec';
import { datedFolds, foldDates } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import type { NewTrial } from '../engine/job-store';

export function trialOn(ds: DatasetRecord, id: string, spec: TrialSpec, now = Date.now()): NewTrial {
	const folds = datedFolds(ds.bars.t, spec.target.horizon, spec.validation, featureWarmup(spec.features));
	return {
		id,
		spec: { ...spec, datasetId: ds.id },
		task: taskOf(spec.model.id) ?? 'regression',
		appVersion: 'test',
		data: pinnedDataOf(ds),
		foldBounds: foldDates(ds.bars.t, folds),
		now
	};
}
