/**
 * The New study form's state as plain data (so it can be tested and kept as a draft): for each parameter of the
 * base trial's model, whether it is searched and over what; and the spec the form submits.
 */
import { z } from 'zod';
import { getEntry } from '../catalog/catalog';
import type { TrialRecord } from '../app/trial-view';
import { addDays, dayStart } from '../domain/splits';
import { dimensionOf, type ParamValue } from '../research/study/space';
import { STUDY_SAMPLERS, type StudySampler, type StudySpecInput } from '../research/study/spec';
import { applyProcedure, procedurePreset } from '../research/study/procedures';
import type { ParamValues } from '../catalog/params';
import { procedureChoiceOf, type ProcedureChoice } from './study-procedure';

type Search = StudySpecInput['search'];
import { OBJECTIVES, type ObjectiveMetric } from '../research/study/objective';

export const STUDY_DRAFT_KEY = 'new-study';

export const SAMPLER_LABELS: Readonly<Record<StudySampler, string>> = {
	tpe: 'TPE (tree-structured Parzen estimator; learns from the results so far)',
	random: 'Random (independent uniform draws)',
	quasi_random: 'Quasi-random (a scrambled Halton sequence: even coverage)',
	grid: 'Grid (every combination of a few values per parameter)',
	cmaes: 'CMA-ES (evolution strategy; continuous parameters)',
	gp: 'Gaussian process (Bayesian optimisation with an acquisition function)'
};

export interface SearchRow {
	readonly name: string;
	readonly kind: 'float' | 'int' | 'categorical';
	search: boolean;
	/** Range ends as typed (numeric kinds). */
	low: string;
	high: string;
	log: boolean;
	/** Chosen values (categorical kinds). */
	chosen: ParamValue[];
	readonly choices: readonly ParamValue[];
	readonly catalogLow: number;
	readonly catalogHigh: number;
	readonly catalogLog: boolean;
	readonly description: string;
}

/** Every searchable parameter of the model, each searched over its catalog range by default. */
export function searchRowsFor(modelId: string): SearchRow[] {
	const entry = getEntry(modelId);
	if (!entry) return [];
	const rows: SearchRow[] = [];
	for (const [name, spec] of Object.entries(entry.params)) {
		const d = dimensionOf(name, spec);
		if (!d) continue;
		rows.push({
			name,
			kind: d.kind,
			search: true,
			low: d.kind === 'categorical' ? '' : String(d.low),
			high: d.kind === 'categorical' ? '' : String(d.high),
			log: d.kind === 'categorical' ? false : d.log,
			chosen: d.kind === 'categorical' ? [...d.choices] : [],
			choices: d.kind === 'categorical' ? d.choices : [],
			catalogLow: d.kind === 'categorical' ? 0 : d.low,
			catalogHigh: d.kind === 'categorical' ? 0 : d.high,
			catalogLog: d.kind === 'categorical' ? false : d.log,
			description: spec.description
		});
	}
	return rows;
}

/** The spec's `search`: 'full' where the row is the catalog's range, a narrowing otherwise. */
export function searchOf(rows: readonly SearchRow[]): Search {
	const out: Search = {};
	for (const r of rows) {
		if (!r.search) continue;
		if (r.kind === 'categorical') {
			out[r.name] = r.chosen.length === r.choices.length ? 'full' : { choices: [...r.chosen] };
			continue;
		}
		const low = Number(r.low);
		const high = Number(r.high);
		out[r.name] =
			low === r.catalogLow && high === r.catalogHigh && r.log === r.catalogLog
				? 'full'
				: { range: [low, high], log: r.log };
	}
	return out;
}

export interface StudyForm {
	name: string;
	baseTrialId: string;
	rows: SearchRow[];
	sampler: StudySampler;
	gridPoints: number;
	acquisition: 'EI' | 'PI' | 'UCB';
	trials: number;
	minutes: number | null;
	metric: ObjectiveMetric;
	pruning: boolean;
	startupTrials: number;
	warmupFolds: number;
	parallel: number;
	seed: number;
	/** A plain study, or a catalog procedure whose parameters set the sampler and budget above. */
	procedure: ProcedureChoice;
	procedureParams: ParamValues;
	/** The holdout as typed: empty (none), a start date or a number of days (resolveHoldout). */
	holdout?: string;
	/** The last bar time (epoch ms) of the base trial's data, from which a number of days is counted back. */
	lastT?: number;
}

/** At most a century of days: a typo, not a holdout, beyond that. */
const MAX_HOLDOUT_DAYS = 36_500;

export type HoldoutInput = { ok: true; from: string | null } | { ok: false; message: string };

/**
 * The holdout as typed in the form: nothing (no holdout), a first day (yyyy-mm-dd) or a number N, the last N
 * calendar days of the data up to its last bar (`lastT`). Resolved to a date here, so the study stores a date.
 */
export function resolveHoldout(text: string, lastT: number | undefined): HoldoutInput {
	const typed = text.trim();
	if (typed === '') return { ok: true, from: null };
	const last =
		lastT !== undefined && Number.isFinite(lastT) ? new Date(lastT).toISOString().slice(0, 10) : null;
	if (/^\d+$/.test(typed)) {
		const days = Number(typed);
		if (days < 1 || days > MAX_HOLDOUT_DAYS)
			return { ok: false, message: `a holdout of days takes 1 to ${MAX_HOLDOUT_DAYS} days` };
		if (!last)
			return { ok: false, message: 'the base trial’s data has no known last day: type a start date' };
		return { ok: true, from: addDays(last, -(days - 1)) };
	}
	if (!Number.isFinite(dayStart(typed)))
		return { ok: false, message: 'type a start date (yyyy-mm-dd) or a number of days, e.g. 365' };
	if (last && typed > last)
		return { ok: false, message: `the holdout starts after the data’s last day (${last})` };
	return { ok: true, from: typed };
}

/** The procedure a form starts its study with, for submitStudy (undefined for a plain study). */
export function procedureOf(form: StudyForm): { id: string; params: ParamValues } | undefined {
	return form.procedure === 'none' ? undefined : { id: form.procedure, params: form.procedureParams };
}

/**
 * The spec the form submits, built on the base trial's spec (its model parameters are the fixed ones); with a
 * procedure, its sampler and budget replace the form's (with bad procedure parameters the form's stay, and
 * submitStudy refuses the pair, naming the parameter).
 */
export function studySpecFrom(form: StudyForm, base: TrialRecord): StudySpecInput {
	const spec = plainSpecFrom(form, base);
	if (form.procedure === 'none') return spec;
	const r = procedurePreset(form.procedure, form.procedureParams);
	return r.ok ? applyProcedure(spec, r.preset) : spec;
}

function plainSpecFrom(form: StudyForm, base: TrialRecord): StudySpecInput {
	const { tune: _tune, ...model } = base.spec.model;
	return {
		name: form.name,
		base: { ...base.spec, name: '', model },
		search: searchOf(form.rows),
		sampler: form.sampler,
		samplerOptions: { gridPoints: form.gridPoints, acquisition: form.acquisition },
		budget: { trials: form.trials, minutes: form.minutes },
		objective: { metric: form.metric, direction: OBJECTIVES[form.metric].direction },
		pruning: {
			kind: form.pruning ? 'median' : 'none',
			startupTrials: form.startupTrials,
			warmupFolds: form.warmupFolds
		},
		parallel: form.parallel,
		seed: form.seed,
		...holdoutOf(form)
	};
}

function holdoutOf(form: StudyForm): Pick<StudySpecInput, 'holdout'> {
	const h = resolveHoldout(form.holdout ?? '', form.lastT);
	return h.ok && h.from ? { holdout: { from: h.from } } : {};
}

/** What a draft keeps (the rows are re-derived from the model and then overlaid). */
export const studyDraftSchema = z.object({
	name: z.string().max(120).catch(''),
	baseTrialId: z.string().catch(''),
	rows: z
		.array(
			z.object({
				name: z.string(),
				search: z.boolean(),
				low: z.string(),
				high: z.string(),
				log: z.boolean(),
				chosen: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
			})
		)
		.catch([]),
	sampler: z.enum(STUDY_SAMPLERS).catch('tpe'),
	trials: z.number().int().catch(30),
	metric: z.string().catch('sharpe'),
	pruning: z.boolean().catch(true),
	parallel: z.number().int().catch(2),
	seed: z.number().int().catch(42),
	holdout: z.string().max(20).catch(''),
	procedure: z
		.string()
		.transform((v) => procedureChoiceOf(v))
		.catch('none'),
	procedureParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).catch({})
});
export type StudyDraft = z.infer<typeof studyDraftSchema>;

/** Overlays a draft's row settings on the model's rows (rows of other parameters are dropped). */
export function restoreRows(rows: SearchRow[], saved: StudyDraft['rows']): SearchRow[] {
	return rows.map((r) => {
		const s = saved.find((x) => x.name === r.name);
		if (!s) return r;
		return {
			...r,
			search: s.search,
			low: s.low,
			high: s.high,
			log: s.log,
			chosen: r.kind === 'categorical' ? s.chosen.filter((c) => r.choices.includes(c)) : []
		};
	});
}
