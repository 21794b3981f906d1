/**
 * The catalog: all 137 entries of the original system in their original order, with lookups and parameter
 * validation. Pure data and functions; the UI, the sampler and the AI tools all read it from here.
 */
import type { z } from 'zod';
import { IMPLEMENTED_MODEL_IDS } from 'virtual:model-ids';
import { procedureRun } from './procedures';
import { paramsSchema, type ParamsOfSpecs, type ParamsSchema, type ParamValues } from './params';
import { isAnalysisTask } from './analysis-kinds';
import { isStudyProcedureId } from './study-procedures';
import { CATEGORIES, type CatalogEntry, type Category, type DeclaredEntry, type EntryStatus } from './types';

import { DECLARED_ENTRIES as DECLARED } from './declared';

/** Every entry with its literal types kept: the source of the typed ids and params below. */
export type DeclaredCatalogEntry = (typeof DECLARED)[number];
/** A catalog id, as a type. */
export type ModelId = DeclaredCatalogEntry['id'];
export type EntryOf<Id extends ModelId> = Extract<DeclaredCatalogEntry, { readonly id: Id }>;
/** The params an implementation of `Id` receives: the output of the entry's zod schema (defaults filled in). */
export type ParamsOf<Id extends ModelId> = z.infer<ParamsSchema<EntryOf<Id>['params']>>;
export type { ParamsOfSpecs };

const IMPLEMENTED: ReadonlySet<string> = new Set(IMPLEMENTED_MODEL_IDS);

/**
 * The status a user sees: an entry is runnable exactly when src/lib/models holds its module (the build reads the
 * file names), or when it is a procedure that runs as a study (study-procedures.ts) or through other models
 * (procedures.ts: walk-forward optimisation as nested tuning of a trial). An entry declared unavailable stays
 * unavailable even then: catalog.spec.ts fails on that disagreement, and on a model file whose id is not in the
 * catalog.
 */
function effective(entry: DeclaredEntry): CatalogEntry {
	if (
		entry.status === 'not_implemented' &&
		(IMPLEMENTED.has(entry.id) || isStudyProcedureId(entry.id) || procedureRun(entry.id))
	)
		return { ...entry, status: 'runnable' };
	return entry;
}

export const CATALOG: readonly CatalogEntry[] = (DECLARED as readonly DeclaredEntry[])
	.map(effective)
	.sort((a, b) => a.index - b.index);

const BY_ID: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.map((entry) => [entry.id, entry]));

export function getEntry(id: string): CatalogEntry | undefined {
	return BY_ID.get(id);
}

/** The entry with this id; throws for an unknown id (use where the id has already been validated). */
export function requireEntry(id: string): CatalogEntry {
	const entry = BY_ID.get(id);
	if (!entry)
		throw new Error(`Unknown catalog model id '${id}': no entry of the ${CATALOG.length} has that id`);
	return entry;
}

export function isRunnable(entry: CatalogEntry): boolean {
	return entry.status === 'runnable';
}

/**
 * How a runnable entry runs: a walk-forward trial of its own, an analysis (evaluated once, analysis-kinds.ts), or
 * a study over a base trial's model (a procedure of study-procedures.ts, which sets the study's sampler and
 * budget), or nested tuning inside another model's trial (procedures.ts).
 */
export type RunKind = 'trial' | 'analysis' | 'study' | 'tuning';

export function runKindOf(entry: Pick<CatalogEntry, 'id' | 'task'>): RunKind {
	if (isStudyProcedureId(entry.id)) return 'study';
	// walk_forward_optimization: nested tuning inside another model's trial (procedures.ts), never a model itself.
	if (procedureRun(entry.id)) return 'tuning';
	return isAnalysisTask(entry.task) ? 'analysis' : 'trial';
}

export type StatusLabel = 'runnable' | 'not yet implemented' | 'unavailable';

export function statusLabel(status: EntryStatus): StatusLabel {
	if (status === 'runnable') return 'runnable';
	if (status === 'not_implemented') return 'not yet implemented';
	return 'unavailable';
}

/** The reason an entry cannot run, or undefined when it is runnable or merely not written yet. */
export function unavailableReason(entry: CatalogEntry): string | undefined {
	return typeof entry.status === 'object' ? entry.status.unavailable : undefined;
}

/** Entries grouped by category, categories in their declared order, entries in index order. */
export function entriesByCategory(): Map<Category, CatalogEntry[]> {
	const groups = new Map<Category, CatalogEntry[]>(CATEGORIES.map((category) => [category, []]));
	for (const entry of CATALOG) groups.get(entry.category)?.push(entry);
	return groups;
}

const schemaCache = new Map<string, z.ZodType<ParamValues, unknown>>();

/** The strict zod schema of an entry's params (defaults filled in, unknown keys refused); built once per id. */
export function paramsSchemaFor<Id extends ModelId>(id: Id): ParamsSchema<EntryOf<Id>['params']>;
export function paramsSchemaFor(id: string): z.ZodType<ParamValues, unknown>;
export function paramsSchemaFor(id: string): z.ZodType<ParamValues, unknown> {
	let schema = schemaCache.get(id);
	if (!schema) {
		const entry = requireEntry(id);
		schema = paramsSchema(entry.params, entry.rules);
		schemaCache.set(id, schema);
	}
	return schema;
}

export interface ParamIssue {
	/** The field at fault, e.g. 'max_depth' or 'hidden_layers.2'; empty when the whole object is wrong. */
	readonly path: string;
	readonly message: string;
}

export type ParamsValidation =
	{ readonly ok: true; readonly value: ParamValues } | { readonly ok: false; readonly issues: ParamIssue[] };

/**
 * Parses params for an entry: fills defaults, checks types and ranges, and names the field of each problem.
 * Never throws: an unknown id is reported as an issue too, since ids may come from Claude or a shared link.
 */
export function validateParams(id: string, params: unknown): ParamsValidation {
	if (!BY_ID.has(id))
		return { ok: false, issues: [{ path: '', message: `Unknown catalog model id '${id}'` }] };
	// An absent params object means "all defaults"; null or any other non-object is refused by the schema.
	const result = paramsSchemaFor(id).safeParse(params === undefined ? {} : params);
	if (result.success) return { ok: true, value: result.data };
	const issues: ParamIssue[] = [];
	for (const issue of result.error.issues) {
		// An unknown key is reported by zod at the object's path with the key names in `keys`.
		if (issue.code === 'unrecognized_keys') {
			for (const key of issue.keys) issues.push({ path: key, message: `${key} is not a parameter of ${id}` });
		} else {
			issues.push({ path: issue.path.map(String).join('.'), message: issue.message });
		}
	}
	return { ok: false, issues };
}
