/**
 * Reproduce a shared trial (issue 13): find the exact data it read in this workspace by content hash — the
 * dataset and each feature input — and submit the same spec on it through the normal gateway; or say exactly
 * which data is missing (source, symbol, range, hash). Reading a link never writes: only the user's Reproduce
 * does, and only a trial, like the New trial form.
 */
import type { MlTrainerDb } from '../db/database';
import type { TrialSpec, TrialSpecInput } from '../domain/trial-spec';
import { foldResultRecordSchema, trialRecordSchema } from '../db/records';
import type { SharedData, SharedInput, SharedTrialCore } from '../security/share-schema';
import { compareReproduction, sharedTrialCoreOf, type Comparison } from './share-trial';

/** A piece of data the shared trial read and this workspace lacks. */
export interface MissingData {
	readonly role: 'dataset' | 'input';
	readonly data: SharedData | SharedInput;
}

export type DataMatch =
	| {
			readonly ok: true;
			readonly datasetId: string;
			/** Local ids of the inputs, in the spec's order. */
			readonly inputIds: readonly string[];
	  }
	| { readonly ok: false; readonly missing: readonly MissingData[] };

/**
 * Local record ids by `kind:contentSha256`: the newest dataset version with that hash, and for series the
 * current record before a copy a refresh kept (db/series-archive.ts).
 */
export async function recordsByHash(db: MlTrainerDb, withSeries: boolean): Promise<Map<string, string>> {
	const byHash = new Map<string, { id: string; at: number }>();
	await db.datasets.each((d) => {
		const seen = byHash.get(`dataset:${d.contentSha256}`);
		if (!seen || d.createdAt > seen.at)
			byHash.set(`dataset:${d.contentSha256}`, { id: d.id, at: d.createdAt });
	});
	if (withSeries)
		await db.series.each((s) => {
			const key = `series:${s.contentSha256}`;
			if (s.archivedFrom === undefined || !byHash.has(key)) byHash.set(key, { id: s.id, at: s.createdAt });
		});
	return new Map([...byHash].map(([k, v]) => [k, v.id]));
}

/** The local ids of shared inputs, in order, or the ones missing here. */
export function matchInputs(
	byHash: ReadonlyMap<string, string>,
	inputs: readonly SharedInput[]
): { inputIds: string[]; missing: MissingData[] } {
	const inputIds: string[] = [];
	const missing: MissingData[] = [];
	for (const input of inputs) {
		const hit = byHash.get(`${input.kind}:${input.contentSha256}`);
		if (hit) inputIds.push(hit);
		else missing.push({ role: 'input', data: input });
	}
	return { inputIds, missing };
}

/** The local records with the shared content hashes (the newest when several carry the same hash). */
export async function matchSharedData(db: MlTrainerDb, core: SharedTrialCore): Promise<DataMatch> {
	const byHash = await recordsByHash(
		db,
		core.inputs.some((i) => i.kind === 'series')
	);
	const missing: MissingData[] = [];
	const dataset = byHash.get(`dataset:${core.data.contentSha256}`);
	if (!dataset) missing.push({ role: 'dataset', data: core.data });
	const inputs = matchInputs(byHash, core.inputs);
	missing.push(...inputs.missing);
	return missing.length || !dataset
		? { ok: false, missing }
		: { ok: true, datasetId: dataset, inputIds: inputs.inputIds };
}

/** The shared spec pointed at the local records: same settings, this workspace's ids. */
export function localSpec(spec: TrialSpec, match: Extract<DataMatch, { ok: true }>): TrialSpecInput {
	const inputs = spec.features.inputs;
	return {
		...spec,
		datasetId: match.datasetId,
		features: inputs
			? { ...spec.features, inputs: inputs.map((i, k) => ({ ...i, id: match.inputIds[k] })) }
			: spec.features
	};
}

export type SubmitFn = (
	input: TrialSpecInput
) => Promise<{ ok: true; id: string } | { ok: false; code: string; reason: string }>;

export type ReproduceStart =
	| { readonly ok: true; readonly trialId: string }
	| { readonly ok: false; readonly code: 'missing_data'; readonly missing: readonly MissingData[] }
	| { readonly ok: false; readonly code: string; readonly reason: string };

/** Submits the shared trial on the matching local data (refused by the gateway like any trial that does not fit). */
export async function startReproduction(
	db: MlTrainerDb,
	core: SharedTrialCore,
	submit: SubmitFn
): Promise<ReproduceStart> {
	const match = await matchSharedData(db, core);
	if (!match.ok) return { ok: false, code: 'missing_data', missing: match.missing };
	const res = await submit(localSpec(core.spec, match));
	return res.ok ? { ok: true, trialId: res.id } : res;
}

export type ReproduceState =
	| { readonly state: 'running'; readonly foldsDone: number; readonly folds: number }
	| { readonly state: 'failed'; readonly reason: string }
	| { readonly state: 'done'; readonly comparison: Comparison };

/** Where a reproduction stands; once complete, its numbers compared with the shared ones to the last digit. */
export async function reproductionState(
	db: MlTrainerDb,
	core: SharedTrialCore,
	trialId: string
): Promise<ReproduceState> {
	const raw = await db.trials.get(trialId);
	if (!raw) return { state: 'failed', reason: 'the reproduction trial was deleted' };
	const trial = trialRecordSchema.parse(raw);
	if (trial.status === 'failed' || trial.status === 'cancelled')
		return { state: 'failed', reason: trial.error ?? `the reproduction was ${trial.status}` };
	if (trial.status !== 'completed')
		return { state: 'running', foldsDone: trial.foldsDone, folds: trial.folds };
	const results = (await db.results.where('trialId').equals(trialId).sortBy('fold')).map((r) =>
		foldResultRecordSchema.parse(r)
	);
	const again = sharedTrialCoreOf(trial, results, undefined, Math.max(2, core.curve.value.length));
	return { state: 'done', comparison: compareReproduction(core, again) };
}
