/**
 * The gateway's second look, in the worker, at a job over a trial's pinned bars (a fold, a look-ahead check):
 * the bars as received must hash to the version the trial is pinned to, and the model and its parameters must
 * still be admitted. A dataset edited in storage after the trial was queued is refused here. So is a feature
 * input (benchmark, macro series) that the spec names but the job lacks, or whose columns no longer hash to the
 * version it was pinned to, or whose provenance is not an approved source.
 */
import { datasetAdmissible, paramsAdmissible, type Decision } from '../compliance/decisions';
import { contentSha256 } from '../domain/content-hash';
import type { FeatureInputData } from '../domain/feature-inputs';
import type { Bars } from '../domain/series';
import type { FoldRefusal, PinnedColumns } from './protocol';

export interface PinnedJob {
	readonly spec: {
		readonly model: { readonly id: string; readonly params: unknown };
		readonly features?: { readonly inputs?: readonly { readonly kind: string; readonly id: string }[] };
	};
	readonly datasetKey: string;
	readonly bars: Bars;
	readonly dataset: { readonly id: string; readonly provenance: unknown; readonly frequency: string };
	readonly inputs?: readonly PinnedColumns[];
}

/** SHA-256 of an input's columns as stored: all bar columns of a dataset, t and value of a series. */
export function pinnedColumnsHash(input: PinnedColumns): string {
	const c = input.columns;
	return input.kind === 'dataset'
		? contentSha256({ t: c.t, open: c.open!, high: c.high!, low: c.low!, close: c.close!, volume: c.volume! })
		: contentSha256({ t: c.t, value: c.value! });
}

function inputChecks(job: PinnedJob): Decision[] {
	const given = job.inputs ?? [];
	const named = job.spec.features?.inputs ?? [];
	const missing = named.find((n) => !given.some((g) => g.kind === n.kind && g.id === n.id));
	if (missing)
		return [
			{
				allowed: false,
				code: 'unknown_dataset',
				reason: `features.inputs names ${missing.kind} "${missing.id}", which the job does not carry`
			}
		];
	const shapeless = given.find((g) => (g.kind === 'dataset' ? !g.columns.close : !g.columns.value));
	if (shapeless)
		return [
			{
				allowed: false,
				code: 'wrong_inputs',
				reason: `input "${shapeless.id}" is a ${shapeless.kind} but does not carry ${shapeless.kind === 'dataset' ? 'bars' : 'values'}`
			}
		];
	return given.map((g) =>
		datasetAdmissible({
			id: g.id,
			provenance: g.provenance,
			rows: g.columns.t.length,
			content: { recorded: g.contentSha256, actual: pinnedColumnsHash(g) }
		})
	);
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
		...inputChecks(job),
		paramsAdmissible(job.spec.model.id, job.spec.model.params)
	];
	const refusal = checks.find((c) => !c.allowed);
	return refusal ? { refused: true, code: refusal.code, reason: refusal.reason } : null;
}

/** The observations the features read: a dataset's close, a series' values (domain/feature-inputs.ts). */
export function featureInputData(inputs: readonly PinnedColumns[] | undefined): FeatureInputData[] {
	return (inputs ?? []).map((i) => ({
		kind: i.kind,
		id: i.id,
		t: i.columns.t,
		value: i.kind === 'dataset' ? i.columns.close! : i.columns.value!
	}));
}
