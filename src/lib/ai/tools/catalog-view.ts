/**
 * list_models and get_model: the catalog as Claude reads it. Everything here is the catalog's own data; the
 * parameter ranges are the ones the parser enforces on propose_trial, so Claude is told the same limits it is held to.
 */
import { CATALOG, getEntry, isRunnable, statusLabel, unavailableReason } from '../../catalog/catalog';
import type { ParamSpec } from '../../catalog/params';
import type { CatalogEntry } from '../../catalog/types';
import { answer, failure, fitList, type ToolResult } from './format';
import { RUNNABLE_MODEL_IDS, similarModelIds } from './model-ids';
import type { ToolInput } from './schemas';
import { dataText } from './text';

const MAX_DESCRIPTION_CHARS = 400;

/** A parameter as data; `help` only where there is room for it. */
function paramView(name: string, spec: ParamSpec, help: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = { name, type: spec.type, default: spec.default };
	switch (spec.type) {
		case 'int':
		case 'float':
			out.min = spec.min;
			out.max = spec.max;
			if (spec.type === 'int' && spec.nullable) out.nullable = true;
			if (spec.log) out.log_scale = true;
			break;
		case 'enum':
			out.choices = spec.choices;
			break;
		case 'int_list':
		case 'float_list':
			out.min = spec.min;
			out.max = spec.max;
			out.min_items = spec.minLength;
			out.max_items = spec.maxLength;
			break;
		case 'enum_list':
			out.choices = spec.choices;
			out.min_items = spec.minLength;
			out.max_items = spec.maxLength;
			break;
		case 'bool':
			break;
	}
	if (help) out.help = spec.description;
	return out;
}

function paramsView(entry: CatalogEntry, help: boolean): Record<string, unknown>[] {
	return Object.entries(entry.params).map(([name, spec]) => paramView(name, spec, help));
}

export function listModels(input: ToolInput<'list_models'>): ToolResult {
	const inCategory = CATALOG.filter((e) => input.category === undefined || e.category === input.category);
	const runnable = inCategory.filter(isRunnable);
	const rest = inCategory.filter((e) => !isRunnable(e));
	const counts: Record<string, number> = {};
	for (const e of rest) counts[statusLabel(e.status)] = (counts[statusLabel(e.status)] ?? 0) + 1;
	const other = input.runnable_only
		? {}
		: {
				not_runnable: counts,
				// Within one category the names are few and tell Claude what exists but cannot run.
				...(input.category !== undefined ? { not_runnable_ids: rest.map((e) => e.id) } : {})
			};
	const build = (detail: 'help' | 'params' | 'ids') => (shown: readonly CatalogEntry[], total: number) => ({
		...(input.category !== undefined ? { category: input.category } : {}),
		runnable: shown.map((e) => ({
			id: e.id,
			name: e.name,
			category: e.category,
			task: e.task,
			...(detail === 'ids' ? {} : { params: paramsView(e, detail === 'help') })
		})),
		...(shown.length < total
			? { runnable_total: total, note: 'list cut to fit; get_model gives any one' }
			: {}),
		...(detail === 'ids' ? { params_note: 'get_model gives the parameters of a model' } : {}),
		...other
	});
	// The most useful answer that fits: with parameter help, then without it, then ids only.
	for (const detail of ['help', 'params'] as const) {
		const fitted = fitList(runnable, build(detail));
		if (fitted.shown === runnable.length) return { content: fitted.content, isError: false };
	}
	const { content } = fitList(runnable, build('ids'));
	return { content, isError: false };
}

export function getModel(input: ToolInput<'get_model'>): ToolResult {
	const entry = getEntry(input.model_id);
	if (!entry) {
		const similar = similarModelIds(input.model_id);
		return failure(
			`no catalog model has the id ${JSON.stringify(dataText(input.model_id, 64))}; ids are exact`,
			{
				similar_ids: similar,
				runnable_ids: RUNNABLE_MODEL_IDS
			}
		);
	}
	const reason = unavailableReason(entry);
	return answer({
		id: entry.id,
		name: entry.name,
		category: entry.category,
		kind: entry.kind,
		task: entry.task,
		inputs: entry.inputs,
		status: statusLabel(entry.status),
		...(reason ? { unavailable_because: reason } : {}),
		runnable: isRunnable(entry),
		description: dataText(entry.description, MAX_DESCRIPTION_CHARS),
		params: paramsView(entry, true)
	});
}
