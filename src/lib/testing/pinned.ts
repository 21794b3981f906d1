/** Test helper: a NewTrial pinned to a stored dataset version, its folds as dates, as submitTrial records it. */
import { taskOf } from '../compliance/trial-policy';
import type { DatasetRecord, PinnedData } from '../db/records';
import { foldDates, usableRange, walkForwardFolds } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import type { NewTrial } from '../engine/job-store';

export function pinnedTo(ds: DatasetRecord): PinnedData {
	return {
		datasetId: ds.id,
		seriesKey: ds.seriesKey,
		version: ds.version,
		name: ds.name,
		contentSha256: ds.contentSha256,
		provenance: ds.provenance,
		rows: ds.bars.t.length,
		firstT: ds.bars.t[0],
		lastT: ds.bars.t[ds.bars.t.length - 1]
	};
}

export function trialOn(ds: DatasetRecord, id: string, spec: TrialSpec, now = Date.now()): NewTrial {
	const folds = walkForwardFolds(usableRange(ds.bars.t.length, spec.target.horizon), spec.validation);
	return {
		id,
		spec: { ...spec, datasetId: ds.id },
		task: taskOf(spec.model.id) ?? 'regression',
		appVersion: 'test',
		data: pinnedTo(ds),
		foldBounds: foldDates(ds.bars.t, folds),
		now
	};
}
