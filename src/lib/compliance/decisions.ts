/**
 * The compliance gateway's decisions, as pure functions returning { allowed, code, reason }. The engine asks
 * before it creates jobs and the worker asks again before it fits, so a dataset edited in storage after a trial
 * was queued is still refused. Each refusal names what is wrong in words a user can act on.
 */
import { getEntry, isRunnable, statusLabel, validateParams } from '../catalog/catalog';
import { procedureRun } from '../catalog/procedures';
import type { ParamValues } from '../catalog/params';
import { provenanceSchema } from '../domain/provenance';
import { isApprovedSource, SOURCE_LABELS } from './allowlist';

export type DecisionCode =
	| 'ok'
	| 'unknown_dataset'
	| 'no_provenance'
	| 'unapproved_source'
	| 'row_mismatch'
	| 'content_mismatch'
	| 'content_unrecorded'
	| 'unsupported_frequency'
	| 'unknown_model'
	| 'model_not_runnable'
	| 'invalid_params'
	| 'invalid_spec'
	| 'embargo_too_short'
	| 'no_fold'
	| 'wrong_inputs'
	| 'no_overlap';

export interface Decision {
	readonly allowed: boolean;
	readonly code: DecisionCode;
	readonly reason: string;
}

export const ALLOWED: Decision = Object.freeze({ allowed: true, code: 'ok', reason: '' });

function refuse(code: Exclude<DecisionCode, 'ok'>, reason: string): Decision {
	return { allowed: false, code, reason };
}

/** What the gateway needs to know about a stored dataset. */
export interface DatasetFacts {
	readonly id: string;
	readonly provenance: unknown;
	/** Rows actually stored. */
	readonly rows: number;
	/** Bar times (epoch ms): needed only to place a spec's date bounds (validation.testFrom / testUntil). */
	readonly t?: Float64Array;
	/** Bar spacing; trials annualise with 252 trading days, so they need daily bars. */
	readonly frequency?: string;
	/**
	 * Content hashes of the stored columns: the one recorded when the dataset was stored, and one computed now
	 * from what storage holds. Omitted only for live form feedback; the engine and the worker always pass it.
	 */
	readonly content?: { readonly recorded: string | undefined; readonly actual: string };
}

/** Complete provenance, approved source, rows as recorded and stored content unchanged since it was recorded. */
export function datasetAdmissible(facts: DatasetFacts | undefined, id?: string): Decision {
	if (!facts || (id !== undefined && facts.id !== id))
		return refuse('unknown_dataset', `dataset "${id ?? facts?.id ?? ''}" does not exist`);
	const prov = provenanceSchema.safeParse(facts.provenance);
	if (!prov.success)
		return refuse(
			'no_provenance',
			`dataset "${facts.id}" has no valid provenance (${prov.error.issues[0]?.message ?? 'missing'}); nothing trains without it`
		);
	if (!isApprovedSource(prov.data.source))
		return refuse(
			'unapproved_source',
			`dataset "${facts.id}" comes from "${prov.data.source}", which is not an approved source (${Object.values(SOURCE_LABELS).join(', ')})`
		);
	if (prov.data.rows !== facts.rows)
		return refuse(
			'row_mismatch',
			`dataset "${facts.id}" holds ${facts.rows} rows but its provenance records ${prov.data.rows}`
		);
	if (facts.frequency !== undefined && facts.frequency !== 'daily')
		return refuse(
			'unsupported_frequency',
			`dataset "${facts.id}" has ${facts.frequency} bars; trials need daily bars (their metrics annualise over 252 trading days)`
		);
	if (facts.content) {
		if (!facts.content.recorded)
			return refuse(
				'content_unrecorded',
				`dataset "${facts.id}" has no recorded content hash to check against`
			);
		if (facts.content.recorded !== facts.content.actual)
			return refuse(
				'content_mismatch',
				`the stored content of dataset "${facts.id}" no longer matches the hash recorded when it was stored (recorded ${facts.content.recorded.slice(0, 12)}…, now ${facts.content.actual.slice(0, 12)}…); it was changed after import and cannot be used`
			);
	}
	return ALLOWED;
}

/** In the catalog and runnable here. */
export function modelAdmissible(id: string): Decision {
	const entry = getEntry(id);
	if (!entry) return refuse('unknown_model', `model.id "${id}" is not in the catalog`);
	if (!isRunnable(entry)) {
		const why = typeof entry.status === 'object' ? `: ${entry.status.unavailable}` : '';
		return refuse('model_not_runnable', `model.id "${id}" is ${statusLabel(entry.status)}${why}`);
	}
	const procedure = procedureRun(id);
	if (procedure) {
		return refuse(
			'model_not_runnable',
			`model.id "${id}" is a procedure that runs as ${procedure.runsAs}, not a model: ${procedure.how}`
		);
	}
	return ALLOWED;
}

export type ParamsDecision = Decision & {
	readonly params: ParamValues | null;
	readonly issues: readonly { readonly path: string; readonly message: string }[];
};

/** The model's zod schema: known names, types and ranges; defaults filled in. */
export function paramsAdmissible(id: string, params: unknown): ParamsDecision {
	const model = modelAdmissible(id);
	if (!model.allowed) return { ...model, params: null, issues: [] };
	const checked = validateParams(id, params);
	if (checked.ok) return { ...ALLOWED, params: checked.value, issues: [] };
	const issues = checked.issues.map((i) => ({ path: `model.params.${i.path}`, message: i.message }));
	return {
		allowed: false,
		code: 'invalid_params',
		reason: issues.map((i) => i.message).join('; '),
		params: null,
		issues
	};
}

/** A refusal naming every issue: one sentence per field, the path first unless the message already starts with it. */
export function refusedWith<C extends Exclude<DecisionCode, 'ok'>>(
	code: C,
	issues: readonly { readonly path: string; readonly message: string }[]
): { readonly allowed: false; readonly code: C; readonly reason: string; readonly issues: typeof issues } {
	return {
		allowed: false,
		code,
		reason: issues
			.map((i) => (i.message.startsWith(i.path) ? i.message : `${i.path}: ${i.message}`))
			.join('; '),
		issues
	};
}
