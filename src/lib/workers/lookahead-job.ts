/**
 * The body of a look-ahead check job (trial worker and the engine's in-process stand-in): parse, ask the gateway
 * again on the exact bytes received, then re-run the trial's checked test points on bars cut after each one.
 */
import { lookaheadCheck } from '../models/lookahead';
import { loadModel } from '../models/registry';
import type { RuntimeEnv } from '../models/seam';
import { featureInputData, pinnedJobRefusal } from './job-checks';
import { lookaheadJobInputSchema, type LookaheadJobResult } from './protocol';

export async function runLookaheadJob(
	input: unknown,
	onProgress: (fraction: number) => void,
	env?: RuntimeEnv
): Promise<LookaheadJobResult> {
	const job = lookaheadJobInputSchema.parse(input);
	const refusal = pinnedJobRefusal(job);
	if (refusal) return refusal;
	const loaded = await loadModel(job.spec.model.id, env);
	const started = performance.now();
	try {
		const report = await lookaheadCheck(job.spec, job.folds, job.bars, loaded, {
			onProgress,
			inputs: featureInputData(job.inputs)
		});
		return {
			checkedPoints: report.checkedPoints,
			folds: report.perFold.map((f) => ({
				fold: f.fold,
				points: f.points.length,
				changed: f.points.filter((p) => !p.equal).length
			})),
			firstLeak: report.firstLeak,
			runMs: performance.now() - started
		};
	} catch (e) {
		const code =
			typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
				? e.code
				: 'lookahead_failed';
		return { failed: true, code, reason: e instanceof Error ? e.message : String(e) };
	}
}
