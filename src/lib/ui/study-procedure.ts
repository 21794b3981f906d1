/**
 * The New study form's Procedure choice: a plain study (sampler and budget chosen by hand) or one of the catalog
 * procedures that run as studies, whose parameters set the sampler and the budget (research/study/procedures.ts).
 * Plain data, so the page stays thin and this is tested.
 */
import { CATALOG, getEntry, isRunnable, runKindOf } from '../catalog/catalog';
import { defaultParams, type ParamValues } from '../catalog/params';
import { isStudyProcedureId, type StudyProcedureId } from '../catalog/study-procedures';
import { searchedDepth } from '../research/study/feature-search';
import { procedurePreset, type ProcedureIssue } from '../research/study/procedures';
import type { StudySampler } from '../research/study/spec';

export type ProcedureChoice = 'none' | StudyProcedureId;

export interface ProcedureOption {
	readonly id: StudyProcedureId;
	readonly name: string;
	readonly description: string;
}

/** The runnable study procedures, in catalog order. */
export const PROCEDURE_OPTIONS: readonly ProcedureOption[] = CATALOG.filter(
	(e) => isRunnable(e) && runKindOf(e) === 'study' && isStudyProcedureId(e.id)
).map((e) => ({ id: e.id as StudyProcedureId, name: e.name, description: e.description }));

/** The choice a link asks for (`/studies/new/?procedure=<id>`), or a plain study. */
export function procedureChoiceOf(requested: string | null | undefined): ProcedureChoice {
	return requested && PROCEDURE_OPTIONS.some((o) => o.id === requested)
		? (requested as StudyProcedureId)
		: 'none';
}

/** The procedure's catalog defaults (empty for a plain study). */
export function procedureDefaults(choice: ProcedureChoice): ParamValues {
	const entry = choice === 'none' ? undefined : getEntry(choice);
	return entry ? defaultParams(entry.params) : {};
}

export type ProcedureSummary =
	| {
			readonly ok: true;
			readonly sampler: StudySampler;
			readonly acquisition: string | null;
			/** Null: the procedure leaves the number of trials to the form. */
			readonly trials: number | null;
			/** A feature search's recipe bounds, in words; null when the procedure searches no features. */
			readonly features: string | null;
			readonly notes: readonly string[];
	  }
	| { readonly ok: false; readonly issues: readonly ProcedureIssue[] };

/** What the chosen procedure sets, or the problems with its parameters (path = the parameter's name). */
export function procedureSummary(choice: StudyProcedureId, params: ParamValues): ProcedureSummary {
	const r = procedurePreset(choice, params);
	if (!r.ok) return { ok: false, issues: r.issues };
	return {
		ok: true,
		sampler: r.preset.sampler,
		acquisition: r.preset.acquisition ?? null,
		trials: r.preset.trials,
		features: r.preset.featureSearch
			? `generated feature sets up to depth ${searchedDepth(r.preset.featureSearch.maxDepth)}, dropping columns correlated beyond |ρ| ${(1 - r.preset.featureSearch.selection).toFixed(2)} on each fold's training rows`
			: null,
		notes: r.preset.notes
	};
}

/** The line the study pages show for a stored procedure: its name, id and parameters. */
export function procedureLine(p: { readonly id: string; readonly params: ParamValues }): string {
	const name = getEntry(p.id)?.name;
	const params = Object.entries(p.params)
		.map(([k, v]) => `${k}=${String(v)}`)
		.join(', ');
	return `${name ? `${name} (${p.id})` : p.id}${params ? `: ${params}` : ''}`;
}
