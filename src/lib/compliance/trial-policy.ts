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
	if (!parsed.success) return { allowed: false, issues: issuesOf(parsed.error) };
	const spec = parsed.data;
	const issues: SpecIssue[] = [];

	const entry = getEntry(spec.model.id);
	let params: ParamValues = spec.model.params;
	if (!entry) {
		issues.push({ path: 'model.id', message: `model.id "${spec.model.id}" is not in the catalog` });
	} else if (!isRunnable(entry)) {
		const why = typeof entry.status === 'object' ? `: ${entry.status.unavailable}` : '';
		issues.push({
			path: 'model.id',
			message: `model.id "${spec.model.id}" is ${statusLabel(entry.status)}${why}`
		});
	} else {
		const checked = validateParams(entry.id, spec.model.params);
		if (checked.ok) params = checked.value;
		else for (const i of checked.issues) issues.push({ path: `model.params.${i.path}`, message: i.message });
	}

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
	return { allowed: true, spec: { ...spec, model: { id: spec.model.id, params } }, folds };
}

/** Rows with every feature and a known target: [first complete feature row, rows - horizon). */
export function usableRange(rows: number, horizon: number): { start: number; end: number } {
	return { start: FEATURE_WARMUP_ROWS, end: Math.max(FEATURE_WARMUP_ROWS, rows - horizon) };
}
