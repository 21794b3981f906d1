/**
 * The body of an analysis job, shared by the trial worker entry and the in-process stand-in Node tests use:
 * parse the job, ask the gateway again on the exact bytes received, align the inputs on their common days,
 * evaluate, and check the result's shape before it leaves the worker.
 */
import { datasetAdmissible, paramsAdmissible } from '../compliance/decisions';
import { alignOnDays, valueBars } from '../domain/align';
import { contentSha256 } from '../domain/content-hash';
import { createRng } from '../domain/random';
import type { Bars } from '../domain/series';
import { analysisResultSchema } from '../models/analysis';
import { loadModel } from '../models/registry';
import type { RuntimeEnv } from '../models/seam';
import { analysisJobInputSchema, type AnalysisJobResult } from './protocol';

const TRANSIENT =
	/allocation failed|out of memory|failed to fetch dynamically imported module|importing a module script failed/i;

function codeOf(e: unknown): string {
	const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
	return typeof code === 'string' ? code : 'analysis_failed';
}

const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`);

export async function runAnalysisJob(
	input: unknown,
	onProgress: (fraction: number) => void,
	env?: RuntimeEnv
): Promise<AnalysisJobResult> {
	const job = analysisJobInputSchema.parse(input);
	const checks = [
		...job.inputs.map((d) =>
			datasetAdmissible({
				id: d.id,
				provenance: d.provenance,
				rows: d.columns.t.length,
				content: {
					recorded: d.contentSha256,
					actual:
						d.kind === 'dataset'
							? contentSha256({ ...(d.columns as Bars) })
							: contentSha256({ t: d.columns.t, value: d.columns.value! })
				}
			})
		),
		paramsAdmissible(job.spec.model.id, job.spec.model.params)
	];
	const refusal = checks.find((c) => !c.allowed);
	if (refusal) return { refused: true, code: refusal.code, reason: refusal.reason };

	const loaded = await loadModel(job.spec.model.id, env);
	const impl = loaded.implementation;
	if (impl.kind !== 'analysis')
		return { failed: true, code: 'model_not_runnable', reason: `${impl.id} is not an analysis` };
	const series = job.inputs.map((d) =>
		d.kind === 'dataset' ? (d.columns as Bars) : valueBars(d.columns.t, d.columns.value!)
	);
	const aligned = alignOnDays(
		series,
		job.spec.from ? dayStart(job.spec.from) : undefined,
		job.spec.to ? dayStart(job.spec.to) : undefined
	);
	const rows = aligned[0]?.t.length ?? 0;
	if (job.inputs.length > 0 && rows === 0) {
		return {
			failed: true,
			code: 'analysis_input',
			reason:
				job.inputs.length > 1
					? 'the inputs share no day (within the chosen dates); choose series that overlap in time'
					: 'the input has no row within the chosen dates'
		};
	}
	onProgress(0);
	const start = performance.now();
	try {
		const result = await impl.evaluate(
			{ datasets: aligned.map((bars, i) => ({ name: job.inputs[i].name, bars })) },
			job.spec.model.params,
			{ rng: createRng(job.spec.seed), onProgress }
		);
		const checked = analysisResultSchema.safeParse(result);
		if (!checked.success) {
			const issue = checked.error.issues[0];
			return {
				failed: true,
				code: 'analysis_failed',
				reason: `${impl.id} returned a malformed result (${issue?.path.join('.')}: ${issue?.message})`
			};
		}
		onProgress(1);
		return {
			result: checked.data,
			alignedRows: job.inputs.length > 0 ? rows : null,
			firstT: rows > 0 ? aligned[0].t[0] : null,
			lastT: rows > 0 ? aligned[0].t[rows - 1] : null,
			runMs: performance.now() - start,
			backend: loaded.runtime.backend
		};
	} catch (e) {
		const reason = e instanceof Error ? e.message : String(e);
		if (TRANSIENT.test(reason)) throw e;
		return { failed: true, code: codeOf(e), reason };
	}
}
