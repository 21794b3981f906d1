/**
 * The catalog procedures that run as a study (catalog/study-procedures.ts lists them): each maps its catalog
 * parameters to the study's sampler, sampler options and trial budget. The study then runs like any other, over
 * a base trial's model; its record keeps which procedure and which parameters set it (db/study-records.ts).
 * Pure: no storage, no DOM.
 *
 * - `hyperparameter_evolution` (original: optuna.create_study; catalog params n_trials, sampler): the catalog's
 *   `sampler` names the sampler, so it is taken at its word — 'TPE' → our TPE, 'random' → random search,
 *   'CMA-ES' → our CMA-ES, the evolution strategy (samplers/cmaes.ts). The default stays the catalog's 'TPE'
 *   (Optuna's own default sampler); choose 'CMA-ES' for an evolutionary search.
 * - `bayesian_parameter_optimization` (catalog params n_trials, acquisition_function): the Gaussian-process
 *   sampler (samplers/gp.ts) with that acquisition function, EI, PI or UCB.
 *
 * - `automated_feature_engineering` (catalog params max_depth, feature_selection_threshold; original
 *   featuretools.dfs): a TPE study over generated feature sets (research/study/feature-search.ts) as well as any
 *   model parameters the form searches; max_depth bounds the recipes' depth (above 4 it adds nothing: with three
 *   transforms, depth 4 composes all of them — said in the notes), the threshold drops correlated columns per
 *   fold. It has no n_trials: the form's budget stays.
 *
 * n_trials: the catalog range is the original's, 10–1000; a study here runs at most MAX_STUDY_TRIALS (500), so a
 * larger n_trials is capped at 500 and the cap is said in the procedure's notes (shown on the form and kept in the
 * record) rather than refused: the catalog's range stays valid input.
 */
import { validateParams, type ParamsOf } from '../../catalog/catalog';
import type { ParamValues } from '../../catalog/params';
import { isStudyProcedureId, type StudyProcedureId } from '../../catalog/study-procedures';
import { searchedDepth, type FeatureSearch } from './feature-search';
import type { Acquisition } from './samplers/gp-acquisition';
import { MAX_STUDY_TRIALS, type StudySampler, type StudySpec, type StudySpecInput } from './spec';

/** What a procedure sets in a study. */
export interface ProcedurePreset {
	readonly sampler: StudySampler;
	/** GP only. */
	readonly acquisition?: Acquisition;
	/** Null: the procedure leaves the budget to the form (automated_feature_engineering). */
	readonly trials: number | null;
	/** automated_feature_engineering only: the feature search it sets. */
	readonly featureSearch?: FeatureSearch;
	/** What the mapping had to change, in words (n_trials capped); empty when nothing. */
	readonly notes: readonly string[];
}

/** A procedure as a study record keeps it: the id, its parameters (defaults filled in) and the notes. */
export interface ProcedureRun {
	readonly id: StudyProcedureId;
	readonly params: ParamValues;
	readonly notes: readonly string[];
}

export interface ProcedureIssue {
	/** The parameter at fault ('' for the procedure id itself). */
	readonly path: string;
	readonly message: string;
}

export type ProcedureResult =
	| { readonly ok: true; readonly run: ProcedureRun; readonly preset: ProcedurePreset }
	| { readonly ok: false; readonly issues: readonly ProcedureIssue[] };

const EVOLUTION_SAMPLERS: Readonly<Record<ParamsOf<'hyperparameter_evolution'>['sampler'], StudySampler>> = {
	TPE: 'tpe',
	random: 'random',
	'CMA-ES': 'cmaes'
};

/** Each procedure's sampler settings from its parsed params; the type makes it cover exactly the listed ids. */
const SAMPLER_OF: {
	readonly [K in StudyProcedureId]: (
		params: ParamsOf<K>
	) => Pick<ProcedurePreset, 'sampler' | 'acquisition' | 'featureSearch'>;
} = {
	automated_feature_engineering: (p) => ({
		sampler: 'tpe',
		featureSearch: { maxDepth: p.max_depth, selection: p.feature_selection_threshold }
	}),
	hyperparameter_evolution: (p) => ({ sampler: EVOLUTION_SAMPLERS[p.sampler] }),
	bayesian_parameter_optimization: (p) => ({ sampler: 'gp', acquisition: p.acquisition_function })
};

/** The number of trials a procedure's n_trials gives a study, and the note when it had to be capped. */
export function procedureTrials(nTrials: number): { trials: number; notes: string[] } {
	if (nTrials <= MAX_STUDY_TRIALS) return { trials: nTrials, notes: [] };
	return {
		trials: MAX_STUDY_TRIALS,
		notes: [
			`n_trials ${nTrials} is capped at ${MAX_STUDY_TRIALS}, the most trials a study here runs (the catalog range is the original's, up to 1000)`
		]
	};
}

/**
 * The study settings of catalog procedure `id` with `params` (defaults filled in, ranges checked against the
 * catalog). Never throws: an unknown id or a bad parameter comes back as issues naming the field.
 */
export function procedurePreset(id: string, params: unknown): ProcedureResult {
	if (!isStudyProcedureId(id))
		return {
			ok: false,
			issues: [{ path: '', message: `${id} is not a catalog procedure that runs as a study` }]
		};
	const checked = validateParams(id, params);
	if (!checked.ok) return { ok: false, issues: checked.issues };
	const value = checked.value;
	if (id === 'automated_feature_engineering') {
		const sampler = SAMPLER_OF.automated_feature_engineering(
			value as ParamsOf<'automated_feature_engineering'>
		);
		const depth = value.max_depth as number;
		const notes =
			depth > searchedDepth(depth)
				? [
						`max_depth ${depth} searches depths up to ${searchedDepth(depth)}: with three transforms (z-score, difference, lag), a recipe ${searchedDepth(depth)} deep already composes all of them`
					]
				: [];
		return { ok: true, run: { id, params: value, notes }, preset: { ...sampler, trials: null, notes } };
	}
	const sampler =
		id === 'hyperparameter_evolution'
			? SAMPLER_OF.hyperparameter_evolution(value as ParamsOf<'hyperparameter_evolution'>)
			: SAMPLER_OF.bayesian_parameter_optimization(value as ParamsOf<'bayesian_parameter_optimization'>);
	const { trials, notes } = procedureTrials(value.n_trials as number);
	return { ok: true, run: { id, params: value, notes }, preset: { ...sampler, trials, notes } };
}

/** The study spec with the procedure's sampler, acquisition and budget in place of the form's. */
export function applyProcedure(spec: StudySpecInput, preset: ProcedurePreset): StudySpecInput {
	return {
		...spec,
		sampler: preset.sampler,
		samplerOptions: {
			...spec.samplerOptions,
			...(preset.acquisition ? { acquisition: preset.acquisition } : {})
		},
		...(preset.featureSearch ? { featureSearch: preset.featureSearch } : {}),
		budget: { ...spec.budget, trials: preset.trials ?? spec.budget.trials }
	};
}

/**
 * Where a parsed study spec does not run what the procedure says (so no record can claim a procedure it did not
 * run); empty when it does. The run's params are checked again against the catalog.
 */
export function procedureMismatch(
	spec: StudySpec,
	run: { readonly id: string; readonly params: unknown }
): ProcedureIssue[] {
	const r = procedurePreset(run.id, run.params);
	if (!r.ok)
		return r.issues.map((i) => ({ path: `procedure.${i.path}`.replace(/\.$/, ''), message: i.message }));
	const p = r.preset;
	const issues: ProcedureIssue[] = [];
	if (spec.sampler !== p.sampler)
		issues.push({ path: 'sampler', message: `${run.id} runs the ${p.sampler} sampler, not ${spec.sampler}` });
	if (p.acquisition && spec.samplerOptions.acquisition !== p.acquisition)
		issues.push({
			path: 'samplerOptions.acquisition',
			message: `${run.id} runs acquisition ${p.acquisition}, not ${spec.samplerOptions.acquisition}`
		});
	const fs = spec.featureSearch;
	if (
		p.featureSearch &&
		(fs?.maxDepth !== p.featureSearch.maxDepth || fs?.selection !== p.featureSearch.selection)
	)
		issues.push({
			path: 'featureSearch',
			message: `${run.id} searches features up to depth ${p.featureSearch.maxDepth} with selection ${p.featureSearch.selection}`
		});
	if (!p.featureSearch && fs)
		issues.push({ path: 'featureSearch', message: `${run.id} does not search features` });
	if (p.trials !== null && spec.budget.trials !== p.trials)
		issues.push({
			path: 'budget.trials',
			message: `${run.id} runs ${p.trials} trials, not ${spec.budget.trials}`
		});
	return issues;
}
