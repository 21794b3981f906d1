/**
 * The compliance gateway for trials: a trial runs only if its spec is valid, its model is a registered,
 * runnable catalog entry with in-range parameters, its dataset is admissible (provenance, approved source,
 * unchanged content) and walk-forward validation with an embargo ≥ the horizon leaves room for a fold. Pure:
 * the caller supplies the dataset facts; the decision names every failing field at once.
 */
import type { ParamValues } from '../catalog/params';
import { getEntry } from '../catalog/catalog';
import { isStudyProcedureId } from '../catalog/study-procedures';
import { featureWarmup } from '../domain/feature-spec';
import {
	datedFolds,
	datedRange,
	maxTrainRows,
	suggestWalkForward,
	usableRange,
	walkForwardFolds,
	type Fold
} from '../domain/splits';
import { TASK_KINDS, type TaskKind } from '../domain/task-metrics';
import { issuesOf, trialSpecSchema, type SpecIssue, type TrialSpec } from '../domain/trial-spec';
import { inputIssues, type InputLookup } from './input-policy';
import { nestedFitIssues, tuneIssues, tuneWindowIssues } from './tune-policy';
import {
	datasetAdmissible,
	modelAdmissible,
	paramsAdmissible,
	refusedWith,
	type DatasetFacts,
	type DecisionCode
} from './decisions';

export type { DatasetFacts } from './decisions';
export type { InputFacts, InputLookup } from './input-policy';

export type TrialDecision =
	| {
			readonly allowed: true;
			readonly code: 'ok';
			readonly reason: '';
			readonly spec: TrialSpec;
			readonly folds: number;
			/** The folds as row ranges of the dataset the decision saw. */
			readonly splits: readonly Fold[];
			/** The model's task kind (the catalog's). */
			readonly task: TaskKind;
	  }
	| {
			readonly allowed: false;
			readonly code: Exclude<DecisionCode, 'ok'>;
			readonly reason: string;
			readonly issues: readonly SpecIssue[];
	  };

/**
 * `inputs` looks up the stored feature inputs the spec names (features.inputs); without it, a spec naming any
 * is refused (unknown input).
 */
export function checkTrial(
	input: unknown,
	dataset: DatasetFacts | undefined,
	inputs?: InputLookup
): TrialDecision {
	const parsed = trialSpecSchema.safeParse(input);
	const issues: SpecIssue[] = parsed.success ? [] : issuesOf(parsed.error);
	let code: Exclude<DecisionCode, 'ok'> | null = parsed.success
		? null
		: issues.some((i) => i.path === 'validation.embargo')
			? 'embargo_too_short'
			: 'invalid_spec';
	// The model is checked against the catalog even when another field is wrong, so that one attempt reports
	// every problem at once.
	const model = modelOf(input);
	let params: ParamValues | null = null;
	if (model) {
		const m = modelAdmissible(model.id);
		if (!m.allowed) {
			issues.push({ path: 'model.id', message: m.reason });
			code ??= m.code as Exclude<DecisionCode, 'ok'>;
		} else {
			const p = paramsAdmissible(model.id, model.params);
			if (!p.allowed) {
				issues.push(...p.issues);
				code ??= 'invalid_params';
			}
			params = p.params;
		}
	}
	if (!parsed.success) return refused(code ?? 'invalid_spec', issues);
	const spec = parsed.data;
	const task = taskOf(spec.model.id);
	if (model && params && !task) {
		issues.push({
			path: 'model.id',
			message: isStudyProcedureId(spec.model.id)
				? `model.id "${spec.model.id}" is a procedure that runs as a study (New study, Procedure), not as a trial`
				: `model.id "${spec.model.id}" has a task this app cannot score yet`
		});
		code ??= 'model_not_runnable';
	}
	if ((spec.model.tune || spec.model.tuneWindow) && params) {
		const tuneProblems = spec.model.tune ? tuneIssues(spec.model.id, task, spec.model.tune) : [];
		if (tuneProblems.length === 0) tuneProblems.push(...tuneWindowIssues(spec, task));
		if (tuneProblems.length > 0) {
			issues.push(...tuneProblems);
			code ??= 'invalid_params';
		}
	}
	const taskProblems = taskIssues(spec);
	if (taskProblems.length > 0) {
		issues.push(...taskProblems);
		code ??= 'invalid_spec';
	}

	const ds = datasetAdmissible(dataset, spec.datasetId);
	if (!ds.allowed) {
		issues.push({ path: 'datasetId', message: ds.reason });
		code ??= ds.code as Exclude<DecisionCode, 'ok'>;
	}

	const fed = inputIssues(spec, dataset?.t, inputs);
	if (fed.issues.length > 0) {
		issues.push(...fed.issues);
		code ??= fed.code;
	}

	let splits: Fold[] = [];
	const v = spec.validation;
	const dated = v.testFrom !== undefined || v.testUntil !== undefined;
	if (dataset && issues.length === 0 && dated && !dataset.t) {
		issues.push({
			path: v.testUntil !== undefined ? 'validation.testUntil' : 'validation.testFrom',
			message: 'the date bounds of the walk-forward split need the dataset’s bar dates, which were not given'
		});
		code ??= 'invalid_spec';
	}
	if (dataset && issues.length === 0) {
		const warmup = featureWarmup(spec.features);
		const range = usableRange(dataset.rows, spec.target.horizon, warmup);
		try {
			splits =
				dated && dataset.t
					? datedFolds(dataset.t, spec.target.horizon, v, warmup)
					: walkForwardFolds(range, spec.validation);
		} catch (e) {
			issues.push({ path: 'validation.step', message: (e as Error).message });
			code ??= 'invalid_spec';
		}
		if (splits.length === 0 && issues.length === 0 && dated && dataset.t) {
			issues.push(datedNoFoldIssue(dataset.t, spec));
			code ??= 'no_fold';
		}
		if (splits.length === 0 && issues.length === 0) {
			const fit = maxTrainRows(dataset.rows, spec.target.horizon, spec.validation, warmup);
			const suggestion = suggestWalkForward(dataset.rows, spec.target.horizon, spec.validation.mode, warmup);
			const what =
				fit >= 50
					? `at most ${fit} training rows fit with ${spec.validation.testLength} test rows and an embargo of ${spec.validation.embargo}`
					: suggestion
						? `settings that fit: train ${suggestion.trainLength}, test ${suggestion.testLength}, step ${suggestion.step}, embargo ${suggestion.embargo}`
						: 'the dataset is too short for any walk-forward trial at this horizon';
			issues.push({
				path: 'validation.trainLength',
				message: `the dataset has ${range.end - range.start} usable rows, too few for one fold of ${spec.validation.trainLength} training + ${spec.validation.embargo} embargo + ${spec.validation.testLength} test rows; ${what}`
			});
			code ??= 'no_fold';
		}
	}

	if (splits.length > 0) {
		const largest = Math.max(...splits.map((f) => f.trainEnd - f.trainStart));
		const budget = nestedFitIssues(spec, task, largest);
		if (budget.length > 0) {
			issues.push(...budget);
			code ??= 'invalid_params';
		}
	}

	if (issues.length > 0) return refused(code ?? 'invalid_spec', issues);
	// The catalog's parsed values are the spec's params with defaults filled in (same value shapes).
	const filled = (params ?? spec.model.params) as TrialSpec['model']['params'];
	return {
		allowed: true,
		code: 'ok',
		reason: '',
		spec: {
			...spec,
			model: {
				id: spec.model.id,
				params: filled,
				...(spec.model.tune ? { tune: spec.model.tune } : {}),
				...(spec.model.tuneWindow ? { tuneWindow: spec.model.tuneWindow } : {})
			}
		},
		folds: splits.length,
		splits,
		task: task!
	};
}

/** Why date bounds leave no fold, naming the bound that does it. */
function datedNoFoldIssue(t: Float64Array, spec: TrialSpec): SpecIssue {
	const v = spec.validation;
	const h = spec.target.horizon;
	const need = `${v.trainLength} training + ${v.embargo} embargo + ${v.testLength} test rows`;
	const { range, firstTestRow } = datedRange(t, h, v, featureWarmup(spec.features));
	const before = range.end - range.start;
	if (v.testUntil !== undefined && before < v.trainLength + v.embargo + v.testLength)
		return {
			path: 'validation.testUntil',
			message: `only ${before} usable rows end (with their ${h}-day targets) before validation.testUntil ${v.testUntil}, too few for one fold of ${need}`
		};
	const from = Math.max(range.start + v.trainLength + v.embargo, firstTestRow);
	return {
		path: 'validation.testFrom',
		message: `no full test window of ${v.testLength} rows fits between validation.testFrom ${v.testFrom ?? ''} and the ${v.testUntil === undefined ? 'end of the data' : `cut at validation.testUntil ${v.testUntil}`}: ${Math.max(0, range.end - from)} usable rows are left from the first test row`
	};
}

/**
 * What a model's task kind asks of the rest of the spec: a classifier predicts the direction, and only a
 * classifier's probability can be sized by confidence. Shared by the gateway and Claude's tool parser.
 */
export function taskIssues(spec: TrialSpec): SpecIssue[] {
	const task = taskOf(spec.model.id);
	const issues: SpecIssue[] = [];
	if (task === 'classification' && spec.target.kind !== 'direction') {
		issues.push({
			path: 'target.kind',
			message: `target.kind must be direction for ${spec.model.id}: a classifier predicts the probability of an up move`
		});
	}
	if (task && task !== 'classification' && task !== 'regression' && task !== 'signal') {
		if (spec.target.kind !== 'forward_return') {
			issues.push({
				path: 'target.kind',
				message: `target.kind must be forward_return for ${spec.model.id}: a ${task.replace('_', ' ')} model is scored against the forward return`
			});
		}
	}
	if (spec.strategy.volTarget !== undefined && task && task !== 'volatility_forecast') {
		issues.push({
			path: 'strategy.volTarget',
			message: `strategy.volTarget sets volatility targeting, which only volatility models use; ${spec.model.id} is a ${task} model`
		});
	}
	if (task && task !== 'classification' && spec.strategy.sizing !== 'sign') {
		issues.push({
			path: 'strategy.sizing',
			message: `strategy.sizing "confidence" sizes a classifier's probability; ${spec.model.id} is a ${task} model, use "sign"`
		});
	}
	return issues;
}

/** The task kind of a catalog model, when the fold runner can score it. */
export function taskOf(id: string): TaskKind | null {
	const task = getEntry(id)?.task;
	return TASK_KINDS.find((k) => k === task) ?? null;
}

function refused(code: Exclude<DecisionCode, 'ok'>, issues: SpecIssue[]): TrialDecision {
	return refusedWith(code, issues);
}

function modelOf(input: unknown): { id: string; params: unknown } | null {
	if (typeof input !== 'object' || input === null || !('model' in input)) return null;
	const model = (input as { model: unknown }).model;
	if (typeof model !== 'object' || model === null) return null;
	const { id, params } = model as { id?: unknown; params?: unknown };
	return typeof id === 'string' && id !== '' ? { id, params } : null;
}
