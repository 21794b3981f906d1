/**
 * The feature inputs of a stored trial (benchmark, macro series), read fresh for each job and sent with the
 * hashes the trial pinned at submission: the worker hashes what it receives and refuses a changed input
 * (workers/job-checks.ts). A spec naming inputs without pins, or a pinned input deleted since, is refused here.
 */
import { inputColumnsOf, type InputColumns, type StoredInput } from '../data/feature-input-pins';
import type { MlTrainerDb } from '../db/database';
import { datasetRecordSchema, type TrialRecord } from '../db/records';
import { seriesAtContent } from '../db/series-archive';

export type TrialInputs =
	| { readonly ok: true; readonly inputs: InputColumns[] | undefined }
	| { readonly ok: false; readonly code: 'dataset_missing'; readonly reason: string };

export async function loadTrialInputs(
	db: MlTrainerDb,
	trial: Pick<TrialRecord, 'spec' | 'inputs'>
): Promise<TrialInputs> {
	const named = trial.spec.features.inputs;
	if (!named) return { ok: true, inputs: undefined };
	const out: InputColumns[] = [];
	for (const want of named) {
		const pin = trial.inputs?.find((p) => p.kind === want.kind && p.id === want.id);
		if (!pin)
			return {
				ok: false,
				code: 'dataset_missing',
				reason: `the trial names ${want.kind} "${want.id}" as a feature input but recorded no version of it`
			};
		let stored: StoredInput | undefined;
		if (pin.kind === 'dataset') {
			const raw = await db.datasets.get(pin.id);
			stored = raw && { kind: 'dataset', record: datasetRecordSchema.parse(raw) };
		} else {
			// The pinned content: the current record, or the copy a refresh kept for pins (db/series-archive.ts).
			const record = await seriesAtContent(db, pin.id, pin.contentSha256);
			stored = record && { kind: 'series', record };
		}
		if (!stored)
			return {
				ok: false,
				code: 'dataset_missing',
				reason: `feature input "${pin.name}" (content ${pin.contentSha256.slice(0, 12)}…), which this trial is pinned to, was deleted`
			};
		out.push(inputColumnsOf(pin, stored));
	}
	return { ok: true, inputs: out };
}
