/**
 * The body of a fold job, shared by the trial worker entry and the in-process stand-in the engine's Node tests
 * use: parse the job, ask the gateway again on the exact bytes received, then fit and score the fold.
 */
import { computeFeatureSpec, featureKey } from '../domain/feature-spec';
import type { FeatureSet } from '../domain/features';
import { loadModel } from '../models/registry';
import type { NestedPlan } from '../models/inner-folds';
import { nestedCosts } from '../models/nested-tuning';
import { runFoldChecked } from '../models/run-fold';
import type { RuntimeEnv } from '../models/seam';
import { featureInputData, pinnedJobRefusal } from './job-checks';
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
	env?: RuntimeEnv,
	nested?: NestedPlan | null
): Promise<ModelCosts> {
	const { implementation } = await loadModel(modelId, env);
	// A nested-tuned fold fits every combination on every inner fold before its final refit.
	if (nested) return nestedCosts(implementation, trainRows, params, nested);
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
	const refusal = pinnedJobRefusal(job);
	if (refusal) return refusal;

	// The same bars feed different feature sets: the cache is keyed by both, and by the pinned content of every
	// input (a value series keeps its id when it is refreshed).
	const inputs = featureInputData(job.inputs);
	const inputKey = (job.inputs ?? []).map((i) => `${i.kind}:${i.id}@${i.contentSha256}`).join(',');
	const key = `${job.datasetKey}|${featureKey(job.spec.features)}|${inputKey}`;
	if (featureCache?.key !== key) {
		try {
			featureCache = { key, features: computeFeatureSpec(job.spec.features, job.bars, inputs) };
		} catch (e) {
			return { failed: true, code: codeOf(e), reason: e instanceof Error ? e.message : String(e) };
		}
	}
	// A module that fails to load throws (transient: the engine retries on a fresh worker).
	const loaded = await loadModel(job.spec.model.id, env);
	onProgress(0);
	try {
		return await runFoldChecked(job.spec, job.fold, job.bars, loaded, {
			features: featureCache.features,
			inputs,
			onProgress
		});
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		if (TRANSIENT.test(reason)) throw e;
		return { failed: true, code: codeOf(e), reason };
	}
}
