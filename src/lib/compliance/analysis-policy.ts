/**
 * The compliance gateway for analyses (formulas, measures, tests, transforms): a run is admitted only if its spec
 * is valid, its model is a runnable catalog analysis with in-range parameters, it is given as many datasets as
 * the entry reads, and every dataset is admissible (provenance from an approved source, unchanged content).
 * Analyses take any bar frequency (a monthly series has a drawdown too). Pure: the caller supplies the facts;
 * the decision names every failing field at once.
 */
import { analysisInputOf, DATASETS_FOR, isAnalysisTask, type AnalysisInput } from '../catalog/analysis-kinds';
import { getEntry } from '../catalog/catalog';
import type { ParamValues } from '../catalog/params';
import { analysisSpecSchema, type AnalysisInputRef, type AnalysisSpec } from '../domain/analysis-spec';
import { issuesOf, type SpecIssue } from '../domain/trial-spec';
import {
	datasetAdmissible,
	modelAdmissible,
	paramsAdmissible,
	refusedWith,
	type DatasetFacts,
	type DecisionCode
} from './decisions';

export type AnalysisDecision =
	| {
			readonly allowed: true;
			readonly code: 'ok';
			readonly reason: '';
			readonly spec: AnalysisSpec;
			readonly input: AnalysisInput;
	  }
	| {
			readonly allowed: false;
			readonly code: Exclude<DecisionCode, 'ok'>;
			readonly reason: string;
			readonly issues: readonly SpecIssue[];
	  };

/** What the gateway needs to know of one input: its facts as stored (frequency is not checked). */
export type InputFacts = Omit<DatasetFacts, 'frequency'>;

const describeCount = (n: { min: number; max: number }): string =>
	n.min === n.max ? `${n.min}` : `${n.min} to ${n.max}`;

export function checkAnalysis(
	input: unknown,
	factsOf: (ref: AnalysisInputRef) => InputFacts | undefined
): AnalysisDecision {
	const parsed = analysisSpecSchema.safeParse(input);
	const issues: SpecIssue[] = parsed.success ? [] : issuesOf(parsed.error);
	let code: Exclude<DecisionCode, 'ok'> | null = parsed.success ? null : 'invalid_spec';
	const note = (c: Exclude<DecisionCode, 'ok'>, issue: SpecIssue): void => {
		issues.push(issue);
		code ??= c;
	};
	if (!parsed.success) return refused(code ?? 'invalid_spec', issues);
	const spec = parsed.data;
	const id = spec.model.id;
	const entry = getEntry(id);
	let params: ParamValues | null = null;
	let kind: AnalysisInput | null = null;
	const m = modelAdmissible(id);
	if (!m.allowed) note(m.code as Exclude<DecisionCode, 'ok'>, { path: 'model.id', message: m.reason });
	else if (entry && !isAnalysisTask(entry.task)) {
		note('model_not_runnable', {
			path: 'model.id',
			message: `${id} is a ${entry.task.replace('_', ' ')} model: it runs as a walk-forward trial, not an analysis`
		});
	} else if (entry) {
		kind = analysisInputOf(entry);
		const p = paramsAdmissible(id, spec.model.params);
		if (!p.allowed) {
			issues.push(...p.issues);
			code ??= 'invalid_params';
		}
		params = p.params;
	}
	if (kind) {
		const n = DATASETS_FOR[kind];
		if (spec.inputs.length < n.min || spec.inputs.length > n.max) {
			note('wrong_inputs', {
				path: 'inputs',
				message:
					kind === 'none'
						? `${id} takes no dataset: it computes from its parameters alone; got ${spec.inputs.length}`
						: `${id} reads ${describeCount(n)} dataset${n.max === 1 ? '' : 's'} (${kind}); got ${spec.inputs.length}`
			});
		}
	}
	spec.inputs.forEach((ref, i) => {
		const d = datasetAdmissible(factsOf(ref), ref.id);
		if (!d.allowed) note(d.code as Exclude<DecisionCode, 'ok'>, { path: `inputs.${i}`, message: d.reason });
	});
	if (issues.length > 0 || !kind) return refused(code ?? 'invalid_spec', issues);
	return {
		allowed: true,
		code: 'ok',
		reason: '',
		spec: {
			...spec,
			model: { id, params: (params ?? spec.model.params) as AnalysisSpec['model']['params'] }
		},
		input: kind
	};
}

function refused(code: Exclude<DecisionCode, 'ok'>, issues: SpecIssue[]): AnalysisDecision {
	return refusedWith(code, issues);
}
