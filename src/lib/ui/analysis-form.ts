/**
 * The New analysis form's pure parts: which entries it offers, how many inputs each takes, and the remembered
 * draft (restored field by field: what no longer fits falls back to its default).
 */
import { z } from 'zod';
import {
	analysisInputOf,
	DATASETS_FOR,
	type AnalysisInput,
	type AnalysisTask
} from '$lib/catalog/analysis-kinds';
import { CATALOG, getEntry, isRunnable } from '$lib/catalog/catalog';
import { defaultParams, paramsSchema, type ParamValue, type ParamValues } from '$lib/catalog/params';
import type { CatalogEntry } from '$lib/catalog/types';
import type { AnalysisInputRef } from '$lib/domain/analysis-spec';

export const ANALYSIS_DRAFT_KEY = 'new-analysis';

const TASK_LABELS: Record<AnalysisTask, string> = {
	pricing: 'Pricing',
	measure: 'Measures',
	test: 'Statistical tests',
	transform: 'Transforms',
	portfolio: 'Portfolios (rebalanced walk-forward)'
};

/** Runnable analysis entries grouped by task, in a fixed order. */
export function analysisGroups(): { label: string; entries: CatalogEntry[] }[] {
	return (['pricing', 'measure', 'test', 'transform', 'portfolio'] as const)
		.map((task) => ({
			label: TASK_LABELS[task],
			entries: CATALOG.filter((e) => isRunnable(e) && e.task === task)
		}))
		.filter((g) => g.entries.length > 0);
}

export function inputKindOf(modelId: string): AnalysisInput | null {
	const entry = getEntry(modelId);
	return entry ? analysisInputOf(entry) : null;
}

/** Entries whose two slots mean something other than a subject and a benchmark. */
const PAIR_LABELS: Readonly<Record<string, readonly [string, string]>> = {
	pairs_trading_model: ['Leg A (regressed on B)', 'Leg B (the hedge)']
};

/** What each input slot is called for a kind (panel inputs are chosen as a set instead). */
export function slotLabels(kind: AnalysisInput, modelId?: string): string[] {
	if (kind === 'series') return ['Dataset'];
	const own = modelId ? PAIR_LABELS[modelId] : undefined;
	if (kind === 'pair' && own) return [...own];
	if (kind === 'pair') return ['Subject', 'Other series (benchmark or candidate cause)'];
	return [];
}

export function refKey(ref: AnalysisInputRef): string {
	return `${ref.kind}:${ref.id}`;
}

export function refOf(key: string): AnalysisInputRef | null {
	const m = /^(dataset|series):(.+)$/.exec(key);
	return m ? { kind: m[1] as AnalysisInputRef['kind'], id: m[2] } : null;
}

/** The refs of a form's choices, keeping the count the kind allows (empty slots dropped). */
export function refsFor(kind: AnalysisInput, keys: readonly string[]): AnalysisInputRef[] {
	const max = DATASETS_FOR[kind].max;
	return keys
		.map(refOf)
		.filter((r): r is AnalysisInputRef => r !== null)
		.slice(0, max);
}

export const analysisDraftSchema = z.object({
	modelId: z.string(),
	params: z.record(z.string(), z.unknown()),
	inputs: z.array(z.string()),
	from: z.string(),
	to: z.string(),
	seed: z.number(),
	name: z.string()
});
export type AnalysisDraft = z.infer<typeof analysisDraftSchema>;

/** A stored draft field by field; params checked one by one against the model's declaration. */
export function restoreAnalysisDraft(raw: unknown): Partial<AnalysisDraft> & { params?: ParamValues } {
	if (raw === null || typeof raw !== 'object') return {};
	const stored = raw as Record<string, unknown>;
	const shape = analysisDraftSchema.shape;
	const out: Partial<AnalysisDraft> & { params?: ParamValues } = {};
	for (const key of ['inputs', 'from', 'to', 'seed', 'name'] as const) {
		const parsed = shape[key].safeParse(stored[key]);
		if (parsed.success) (out as Record<string, unknown>)[key] = parsed.data;
	}
	const modelId = shape.modelId.safeParse(stored.modelId);
	const entry = modelId.success ? getEntry(modelId.data) : undefined;
	if (entry && isRunnable(entry) && analysisInputOf(entry)) {
		out.modelId = entry.id;
		const params = defaultParams(entry.params);
		const values = (typeof stored.params === 'object' && stored.params) || {};
		for (const [name, spec] of Object.entries(entry.params)) {
			if (!Object.hasOwn(values, name)) continue;
			const checked = paramsSchema({ [name]: spec }).safeParse({
				[name]: (values as Record<string, unknown>)[name]
			});
			if (checked.success) params[name] = checked.data[name] as ParamValue;
		}
		out.params = params;
	}
	return out;
}
