/**
 * The compliance gateway for trials: a trial runs only if its spec is valid, its model is a registered,
 * runnable catalog entry with in-range parameters, and its dataset carries valid provenance from an approved
 * source. Pure: the caller supplies the dataset facts; the decision names every failing field.
 */
import { getEntry, isRunnable, statusLabel, validateParams } from '../catalog/catalog';
import type { ParamValues } from '../catalog/params';
import { FEATURE_WARMUP_ROWS } from '../domain/features';
import { provenanceSchema } from '../domain/provenance';
import { walkForwardFolds } from '../domain/splits';
import { issuesOf, trialSpecSchema, type SpecIssue, type TrialSpec } from '../domain/trial-spec';
import { isApprovedSource } from './allowlist';

export interface DatasetFacts {
	readonly id: string;
	readonly provenance: unknown;
	readonly rows: number;
}

export type TrialDecision =
	| { readonly allowed: true; readonly spec: TrialSpec; readonly folds: number }
	| { readonly allowed: false; readonly issues: readonly SpecIssue[] };

export function checkTrial(input: unknown, dataset: DatasetFacts | undefined): TrialDecision {
	const parsed = trialSpecSchema.safeParse(input);
	const issues: SpecIssue[] = parsed.success ? [] : issuesOf(parsed.error);
	// The model is checked against the catalog even when another field is wrong, so that one attempt reports
	// every problem at once.
	const model = modelOf(input);
	let params: ParamValues | null = null;
	if (model) {
		const checked = checkModel(model.id, model.params);
		issues.push(...checked.issues);
		params = checked.params;
	}
	if (!parsed.success) return { allowed: false, issues };
	const spec = parsed.data;

	if (!dataset || dataset.id !== spec.datasetId) {
		issues.push({ path: 'datasetId', message: `dataset "${spec.datasetId}" does not exist` });
	} else {
		const prov = provenanceSchema.safeParse(dataset.provenance);
		if (!prov.success) {
			issues.push({
				path: 'datasetId',
				message: `dataset "${spec.datasetId}" has no valid provenance (${prov.error.issues[0]?.message ?? 'missing'}); nothing trains without it`
			});
		} else if (!isApprovedSource(prov.data.source)) {
			issues.push({
				path: 'datasetId',
				message: `dataset "${spec.datasetId}" comes from "${prov.data.source}", which is not an approved source`
			});
		} else if (prov.data.rows !== dataset.rows) {
			issues.push({
				path: 'datasetId',
				message: `dataset "${spec.datasetId}" holds ${dataset.rows} rows but its provenance records ${prov.data.rows}`
			});
		}
	}

	let folds = 0;
	if (dataset && issues.length === 0) {
		const range = usableRange(dataset.rows, spec.target.horizon);
		try {
			folds = walkForwardFolds(range, spec.validation).length;
		} catch (e) {
			issues.push({ path: 'validation.step', message: (e as Error).message });
		}
		if (folds === 0 && issues.length === 0) {
			issues.push({
				path: 'validation.trainLength',
				message: `the dataset has ${range.end - range.start} usable rows, too few for one fold of ${spec.validation.trainLength} training + ${spec.validation.embargo} embargo + ${spec.validation.testLength} test rows`
			});
		}
	}

	if (issues.length > 0) return { allowed: false, issues };
	// The catalog's parsed values are the spec's params with defaults filled in (same value shapes).
	const filled = (params ?? spec.model.params) as TrialSpec['model']['params'];
	return { allowed: true, spec: { ...spec, model: { id: spec.model.id, params: filled } }, folds };
}

function modelOf(input: unknown): { id: string; params: unknown } | null {
	if (typeof input !== 'object' || input === null || !('model' in input)) return null;
	const model = (input as { model: unknown }).model;
	if (typeof model !== 'object' || model === null) return null;
	const { id, params } = model as { id?: unknown; params?: unknown };
	return typeof id === 'string' && id !== '' ? { id, params } : null;
}

function checkModel(id: string, rawParams: unknown): { issues: SpecIssue[]; params: ParamValues | null } {
	const entry = getEntry(id);
	if (!entry)
		return {
			issues: [{ path: 'model.id', message: `model.id "${id}" is not in the catalog` }],
			params: null
		};
	if (!isRunnable(entry)) {
		const why = typeof entry.status === 'object' ? `: ${entry.status.unavailable}` : '';
		return {
			issues: [{ path: 'model.id', message: `model.id "${id}" is ${statusLabel(entry.status)}${why}` }],
			params: null
		};
	}
	const checked = validateParams(entry.id, rawParams);
	if (checked.ok) return { issues: [], params: checked.value };
	return {
		issues: checked.issues.map((i) => ({ path: `model.params.${i.path}`, message: i.message })),
		params: null
	};
}

/** Rows with every feature and a known target: [first complete feature row, rows - horizon). */
export function usableRange(rows: number, horizon: number): { start: number; end: number } {
	return { start: FEATURE_WARMUP_ROWS, end: Math.max(FEATURE_WARMUP_ROWS, rows - horizon) };
}
