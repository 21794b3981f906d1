/**
 * The body of a fold job, shared by the trial worker entry and the in-process stand-in the engine's Node tests
 * use: parse the job, ask the gateway again on the exact bytes received, then fit and score the fold.
 */
import { datasetAdmissible, paramsAdmissible } from '../compliance/decisions';
import { contentSha256 } from '../domain/content-hash';
import { computeFeatures, type FeatureSet } from '../domain/features';
import { loadModel } from '../models/registry';
import { runFoldChecked } from '../models/run-fold';
import type { RuntimeEnv } from '../models/seam';
import { foldJobInputSchema, type FoldJobResult, type ModelCosts } from './protocol';

/** Features of the last dataset seen: consecutive folds of a trial reuse them. */
let featureCache: { key: string; features: FeatureSet } | null = null;

/** Failures of the machine rather than of the fit: worth another attempt on a fresh worker. */
const TRANSIENT =
	/allocation failed|out of memory|failed to fetch dynamically imported module|importing a module script failed/i;

function codeOf(e: unknown): string {
	const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
	return typeof code === 'string' ? code : 'fit_failed';
}

export async function foldCosts(
	modelId: string,
	trainRows: number,
	params: unknown,
	env?: RuntimeEnv
): Promise<ModelCosts> {
	const { implementation } = await loadModel(modelId, env);
	return {
		expectedFitMs: implementation.expectedFitMs(trainRows, params),
		deadlineMs: implementation.deadlineMs(trainRows, params)
	};
}

export async function runFoldJob(
	input: unknown,
	onProgress: (fraction: number) => void,
	env?: RuntimeEnv
): Promise<FoldJobResult> {
	const job = foldJobInputSchema.parse(input);
	// The bars as received must hash to the version the trial is pinned to, and the model and its parameters
	// must still be admitted: a dataset edited in storage after the trial was queued is refused here.
	const checks = [
		datasetAdmissible({
			id: job.dataset.id,
			provenance: job.dataset.provenance,
			rows: job.bars.t.length,
			frequency: job.dataset.frequency,
			content: { recorded: job.datasetKey, actual: contentSha256(job.bars) }
		}),
		paramsAdmissible(job.spec.model.id, job.spec.model.params)
	];
	const refusal = checks.find((c) => !c.allowed);
	if (refusal) return { refused: true, code: refusal.code, reason: refusal.reason };

	if (featureCache?.key !== job.datasetKey) {
		featureCache = { key: job.datasetKey, features: computeFeatures(job.bars) };
	}
	// A module that fails to load throws (transient: the engine retries on a fresh worker).
	const loaded = await loadModel(job.spec.model.id, env);
	onProgress(0);
	try {
		return await runFoldChecked(job.spec, job.fold, job.bars, loaded, {
			features: featureCache.features,
			onProgress
		});
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		if (TRANSIENT.test(reason)) throw e;
		return { failed: true, code: codeOf(e), reason };
	}
}
