/**
 * The body of a fold job, shared by the trial worker entry and the in-process stand-in the engine's Node tests
 * use: parse the job, ask the gateway again on the exact bytes received, then fit and score the fold.
 */
import { datasetAdmissible, paramsAdmissible } from '../compliance/decisions';
import { contentSha256 } from '../domain/content-hash';
import { computeFeatures, type FeatureSet } from '../domain/features';
import { loadLearner, type LearnerEnv } from '../models/registry';
import { runFoldChecked } from '../models/run-fold';
import { foldJobInputSchema, type FoldJobOutput, type FoldRefusal } from './protocol';

/** Features of the last dataset seen: consecutive folds of a trial reuse them. */
let featureCache: { key: string; features: FeatureSet } | null = null;

export async function runFoldJob(
	input: unknown,
	onProgress: (fraction: number) => void,
	loadOptions?: LearnerEnv
): Promise<FoldJobOutput | FoldRefusal> {
	const job = foldJobInputSchema.parse(input);
	// The dataset as received must still hash to what was recorded when it was stored, and the model and its
	// parameters must still be admitted: a dataset edited in storage after the trial was queued is refused here.
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
	const loaded = await loadLearner(job.spec.model.id, loadOptions);
	onProgress(0);
	return runFoldChecked(job.spec, job.fold, job.bars, loaded, {
		features: featureCache.features,
		onProgress
	});
}
