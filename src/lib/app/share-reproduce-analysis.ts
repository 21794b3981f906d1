/**
 * Reproduce a shared analysis: find each input it read here by content hash, run the same analysis (model,
 * parameters, day range, seed) on them through the normal admission, and compare every shared number and the
 * aligned rows and range to the last digit. Like a trial's (share-reproduce.ts): reading a link writes nothing.
 */
import { analysisRecordSchema } from '../db/analysis-records';
import type { MlTrainerDb } from '../db/database';
import type { AnalysisSpecInput } from '../domain/analysis-spec';
import type { SharedAnalysis, SharedMetrics } from '../security/share-schema';
import { sharedAnalysisOf } from './share-analysis';
import {
	matchInputs,
	recordsByHash,
	type MissingData,
	type ReproduceStart,
	type ReproduceState
} from './share-reproduce';
import { compareNumbers } from './share-trial';

export type InputsMatch =
	| { readonly ok: true; readonly inputIds: readonly string[] }
	| { readonly ok: false; readonly missing: readonly MissingData[] };

export async function matchAnalysisInputs(db: MlTrainerDb, shared: SharedAnalysis): Promise<InputsMatch> {
	const byHash = await recordsByHash(
		db,
		shared.inputs.some((i) => i.kind === 'series')
	);
	const { inputIds, missing } = matchInputs(byHash, shared.inputs);
	return missing.length ? { ok: false, missing } : { ok: true, inputIds };
}

/** The shared analysis pointed at this workspace's records. */
export function localAnalysisSpec(shared: SharedAnalysis, inputIds: readonly string[]): AnalysisSpecInput {
	return {
		name: shared.name,
		model: { id: shared.analysis, params: shared.params as Record<string, never> },
		inputs: shared.inputs.map((i, k) => ({ kind: i.kind, id: inputIds[k] })),
		...(shared.from ? { from: shared.from } : {}),
		...(shared.to ? { to: shared.to } : {}),
		seed: shared.seed
	};
}

export type SubmitAnalysisFn = (
	input: AnalysisSpecInput
) => Promise<{ ok: true; id: string } | { ok: false; code: string; reason: string }>;

export async function startAnalysisReproduction(
	db: MlTrainerDb,
	shared: SharedAnalysis,
	submit: SubmitAnalysisFn
): Promise<ReproduceStart> {
	const match = await matchAnalysisInputs(db, shared);
	if (!match.ok) return { ok: false, code: 'missing_data', missing: match.missing };
	const res = await submit(localAnalysisSpec(shared, match.inputIds));
	return res.ok ? { ok: true, trialId: res.id } : res;
}

/** The numbers a reproduction is compared on: the result's, and the rows and range the inputs aligned to. */
function comparable(a: Pick<SharedAnalysis, 'results' | 'rows' | 'firstT' | 'lastT'>): SharedMetrics {
	return { ...a.results, 'aligned.rows': a.rows, 'aligned.firstT': a.firstT, 'aligned.lastT': a.lastT };
}

export async function analysisReproductionState(
	db: MlTrainerDb,
	shared: SharedAnalysis,
	id: string
): Promise<ReproduceState> {
	const raw = await db.analyses.get(id);
	if (!raw) return { state: 'failed', reason: 'the reproduction was deleted' };
	const record = analysisRecordSchema.parse(raw);
	if (record.status === 'failed')
		return { state: 'failed', reason: record.error?.reason ?? 'the analysis failed' };
	if (record.status !== 'completed') return { state: 'running', foldsDone: 0, folds: 1 };
	const again = sharedAnalysisOf(record, shared.appVersion);
	return { state: 'done', comparison: compareNumbers(comparable(shared), comparable(again)) };
}
