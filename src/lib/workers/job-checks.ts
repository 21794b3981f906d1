/**
 * The gateway's second look, in the worker, at a job over a trial's pinned bars (a fold, a look-ahead check):
 * the bars as received must hash to the version the trial is pinned to, and the model and its parameters must
 * still be admitted. A dataset edited in storage after the trial was queued is refused here.
 */
import { datasetAdmissible, paramsAdmissible } from '../compliance/decisions';
import { contentSha256 } from '../domain/content-hash';
import type { Bars } from '../domain/series';
import type { FoldRefusal } from './protocol';

export interface PinnedJob {
	readonly spec: { readonly model: { readonly id: string; readonly params: unknown } };
	readonly datasetKey: string;
	readonly bars: Bars;
	readonly dataset: { readonly id: string; readonly provenance: unknown; readonly frequency: string };
}

/** The refusal to return, or null when the job may run. */
export function pinnedJobRefusal(job: PinnedJob): FoldRefusal | null {
	const checks = [
		datasetAdmissible({
			id: job.dataset.id,
			provenance: job.dataset.provenance,
			rows: job.bars.t.length,
			frequency: job.dataset.frequency,
			content: { recorded: job.datasetKey, actual: contentSha256({ ...job.bars }) }
		}),
		paramsAdmissible(job.spec.model.id, job.spec.model.params)
	];
	const refusal = checks.find((c) => !c.allowed);
	return refusal ? { refused: true, code: refusal.code, reason: refusal.reason } : null;
}
