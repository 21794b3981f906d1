/**
 * The compliance gateway for trials: a trial runs only if its spec is valid, its model is a registered,
 * runnable catalog entry with in-range parameters, its dataset is admissible (provenance, approved source,
 * unchanged content) and walk-forward validation with an embargo ≥ the horizon leaves room for a fold. Pure:
 * the caller supplies the dataset facts; the decision names every failing field at once.
 */
import type { ParamValues } from '../catalog/params';
import { FEATURE_WARMUP_ROWS } from '../domain/features';
import { walkForwardFolds } from '../domain/splits';
import { issuesOf, trialSpecSchema, type SpecIssue, type TrialSpec } from '../domain/trial-spec';
import {
	datasetAdmissible,
	modelAdmissible,
	paramsAdmissible,
	type DatasetFacts,
	type DecisionCode
} from './decisions';

export type { DatasetFacts } from './decisions';

export type TrialDecision =
	| {
			readonly allowed: true;
			readonly code: 'ok';
			readonly reason: '';
			readonly spec: TrialSpec;
			readonly folds: number;
	  }
	| {
			readonly allowed: false;
			readonly code: Exclude<DecisionCode, 'ok'>;
			readonly reason: string;
			readonly issues: readonly SpecIssue[];
	  };

export function checkTrial(input: unknown, dataset: DatasetFacts | undefined): TrialDecision {
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

	const ds = datasetAdmissible(dataset, spec.datasetId);
	if (!ds.allowed) {
		issues.push({ path: 'datasetId', message: ds.reason });
		code ??= ds.code as Exclude<DecisionCode, 'ok'>;
	}

	let folds = 0;
	if (dataset && issues.length === 0) {
		const range = usableRange(dataset.rows, spec.target.horizon);
		try {
			folds = walkForwardFolds(range, spec.validation).length;
		} catch (e) {
			issues.push({ path: 'validation.step', message: (e as Error).message });
			code ??= 'invalid_spec';
		}
		if (folds === 0 && issues.length === 0) {
			issues.push({
				path: 'validation.trainLength',
				message: `the dataset has ${range.end - range.start} usable rows, too few for one fold of ${spec.validation.trainLength} training + ${spec.validation.embargo} embargo + ${spec.validation.testLength} test rows`
			});
			code ??= 'no_fold';
		}
	}

	if (issues.length > 0) return refused(code ?? 'invalid_spec', issues);
	// The catalog's parsed values are the spec's params with defaults filled in (same value shapes).
	const filled = (params ?? spec.model.params) as TrialSpec['model']['params'];
	return {
		allowed: true,
		code: 'ok',
		reason: '',
		spec: { ...spec, model: { id: spec.model.id, params: filled } },
		folds
	};
}

function refused(code: Exclude<DecisionCode, 'ok'>, issues: SpecIssue[]): TrialDecision {
	return {
		allowed: false,
		code,
		reason: issues
			.map((i) => (i.message.startsWith(i.path) ? i.message : `${i.path}: ${i.message}`))
			.join('; '),
		issues
	};
}

function modelOf(input: unknown): { id: string; params: unknown } | null {
	if (typeof input !== 'object' || input === null || !('model' in input)) return null;
	const model = (input as { model: unknown }).model;
	if (typeof model !== 'object' || model === null) return null;
	const { id, params } = model as { id?: unknown; params?: unknown };
	return typeof id === 'string' && id !== '' ? { id, params } : null;
}

/** Rows with every feature and a known target: [first complete feature row, rows - horizon). */
export function usableRange(rows: number, horizon: number): { start: number; end: number } {
	return { start: FEATURE_WARMUP_ROWS, end: Math.max(FEATURE_WARMUP_ROWS, rows - horizon) };
}
