/**
 * list_models and get_model: the catalog as Claude reads it. Everything here is the catalog's own data; the
 * parameter ranges are the ones the parser enforces on propose_trial, so Claude is told the same limits it is held to.
 */
import {
	CATALOG,
	getEntry,
	isRunnable,
	runKindOf,
	statusLabel,
	unavailableReason,
	type RunKind
} from '../../catalog/catalog';
import type { ParamSpec } from '../../catalog/params';
import { procedureRun } from '../../catalog/procedures';
import type { CatalogEntry } from '../../catalog/types';
import { answer, failure, fitList, MAX_CATALOG_CHARS, type ToolResult } from './format';
import { RUNNABLE_MODEL_IDS, similarModelIds } from './model-ids';
import type { ToolInput } from './schemas';
import { dataText } from './text';

const MAX_DESCRIPTION_CHARS = 400;

/** How each kind of runnable entry is run, as Claude is told it. */
export const HOW_TO_RUN: Readonly<Record<RunKind, string>> = {
	trial: 'a walk-forward trial: propose_trial',
	analysis: 'an analysis, evaluated once: propose_analysis',
	study:
		'a study, never a trial or an analysis: the user chooses it as the Procedure on the New study page, over a base trial of a runnable model; its parameters set the study’s sampler and trial budget',
	tuning:
		'nested tuning inside another model’s trial, never a model of its own: propose_trial with model.tune and model.tuneWindow'
};

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

/** A parameter in one short line: `name=default int[min..max]`, `name=default {a|b}`, `name=default bool`. */
export function paramLine(name: string, spec: ParamSpec): string {
	const d = JSON.stringify(spec.default);
	switch (spec.type) {
		case 'int':
		case 'float':
			return `${name}=${d} ${spec.type}${spec.type === 'int' && spec.nullable ? '|null' : ''}[${spec.min}..${spec.max}]${spec.log ? ' log' : ''}`;
		case 'enum':
			return `${name}=${d} {${spec.choices.join('|')}}`;
		case 'int_list':
		case 'float_list':
			return `${name}=${d} ${spec.type}[${spec.min}..${spec.max}]×${spec.minLength}..${spec.maxLength}`;
		case 'enum_list':
			return `${name}=${d} {${spec.choices.join('|')}}×${spec.minLength}..${spec.maxLength}`;
		case 'bool':
			return `${name}=${d} bool`;
	}
}

function paramsView(entry: CatalogEntry, help: boolean): Record<string, unknown>[] {
	return Object.entries(entry.params).map(([name, spec]) => paramView(name, spec, help));
}

/** A runnable procedure runs through other models: say how, so it is never proposed as a model itself. */
function withRunsAs<T extends { runnable: object[] }>(shown: readonly CatalogEntry[], list: T): T {
	const runnable = list.runnable.map((view, i) => {
		const procedure = procedureRun(shown[i].id);
		return procedure ? { ...view, runs_as: procedure.runsAs } : view;
	});
	return { ...list, runnable };
}

export function listModels(input: ToolInput<'list_models'>): ToolResult {
	const inCategory = CATALOG.filter((e) => input.category === undefined || e.category === input.category);
	const runnable = inCategory.filter(isRunnable);
	const rest = inCategory.filter((e) => !isRunnable(e));
	const studies = runnable.filter((e) => runKindOf(e) === 'study').map((e) => e.id);
	const studyNote = studies.length > 0 ? { runs_as_study: { ids: studies, how: HOW_TO_RUN.study } } : {};
	const counts: Record<string, number> = {};
	for (const e of rest) counts[statusLabel(e.status)] = (counts[statusLabel(e.status)] ?? 0) + 1;
	const other = input.runnable_only
		? {}
		: {
				not_runnable: counts,
				// Within one category the names are few and tell Claude what exists but cannot run.
				...(input.category !== undefined ? { not_runnable_ids: rest.map((e) => e.id) } : {})
			};
	type Detail = 'help' | 'params' | 'lines' | 'ids';
	const build = (detail: Detail) => (shown: readonly CatalogEntry[], total: number) => ({
		...(input.category !== undefined ? { category: input.category } : {}),
		runnable: shown.map((e) =>
			detail === 'lines'
				? // Compact: every parameter's default and range in one line each, without names and categories.
					{
						id: e.id,
						task: e.task,
						params: Object.entries(e.params).map(([name, spec]) => paramLine(name, spec))
					}
				: detail === 'ids'
					? { id: e.id, task: e.task }
					: {
							id: e.id,
							name: e.name,
							category: e.category,
							task: e.task,
							params: paramsView(e, detail === 'help')
						}
		),
		...(shown.length < total
			? { runnable_total: total, note: 'list cut to fit; get_model gives any one' }
			: {}),
		...(detail === 'ids'
			? {
					params_note:
						'too many to list with parameters: list_models with a category, or get_model, gives them'
				}
			: {}),
		...(detail === 'lines'
			? { params_format: 'name=default type[min..max] or {choices}; get_model gives each one’s meaning' }
			: {}),
		...studyNote,
		...other
	});
	// A procedure's row says how it runs.
	const view = (detail: Detail) => (shown: readonly CatalogEntry[], total: number) =>
		withRunsAs(shown, build(detail)(shown, total));
	// The most useful answer that fits: with parameter help, then without it, then one line per parameter, then
	// ids only.
	for (const detail of ['help', 'params', 'lines'] as const) {
		const fitted = fitList(runnable, view(detail), MAX_CATALOG_CHARS);
		if (fitted.shown === runnable.length) return { content: fitted.content, isError: false };
	}
	const { content } = fitList(runnable, view('ids'), MAX_CATALOG_CHARS);
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
		...(isRunnable(entry) ? { runs_as: HOW_TO_RUN[runKindOf(entry)] } : {}),
		...(procedureRun(entry.id) ? { how_to_run: procedureRun(entry.id)!.how } : {}),
		description: dataText(entry.description, MAX_DESCRIPTION_CHARS),
		params: paramsView(entry, true)
	});
}
