/**
 * The body of a score job (trial worker and the engine's in-process stand-in): parse, ask the gateway again on
 * the exact bytes received, then fit the fold and predict the chosen rows (models/run-fold.ts predictFoldRows).
 */
import { loadModel } from '../models/registry';
import { predictFoldRows } from '../models/run-fold';
import type { RuntimeEnv } from '../models/seam';
import { featureInputData, pinnedJobRefusal } from './job-checks';
import { scoreJobInputSchema, type ScoreJobResult } from './protocol';

export async function runScoreJob(
	input: unknown,
	onProgress: (fraction: number) => void,
	env?: RuntimeEnv
): Promise<ScoreJobResult> {
	const job = scoreJobInputSchema.parse(input);
	const refusal = pinnedJobRefusal(job);
	if (refusal) return refusal;
	const loaded = await loadModel(job.spec.model.id, env);
	const started = performance.now();
	onProgress(0);
	try {
		const predicted = await predictFoldRows(job.spec, job.fold, job.bars, loaded, job.rows, {
			onProgress,
			inputs: featureInputData(job.inputs)
		});
		onProgress(1);
		return { predicted: [...predicted], runMs: performance.now() - started, backend: loaded.runtime.backend };
	} catch (e) {
		const code =
			typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
				? e.code
				: 'fit_failed';
		return { failed: true, code, reason: e instanceof Error ? e.message : String(e) };
	}
}
