/**
 * The New trial form's typed number fields outside the model's parameters: their labels and the ranges the
 * trial spec accepts (trial-form-fields.spec.ts checks each range against the spec's schema), keyed by the
 * same path the compliance gateway reports a problem under.
 */
import {
	MAX_COST_BPS,
	MAX_SEED,
	MAX_VOL_TARGET,
	MIN_VOL_TARGET,
	type SpecIssue
} from '$lib/domain/trial-spec';
import { MAX_HORIZON_DAYS, MIN_HORIZON_DAYS } from '$lib/domain/targets';
import { getEntry } from '$lib/catalog/catalog';
import { parseNumberText, parseParamText, type NumberRange } from './field-text';

export interface FormNumberField extends NumberRange {
	readonly label: string;
}

/** Rows the walk-forward settings may take (domain/splits.ts `walkForwardSchema`). */
const MAX_WINDOW_ROWS = 100_000;
const MIN_TRAIN_ROWS = 50;
const MAX_EMBARGO_ROWS = 1_000;

export const TRIAL_NUMBER_FIELDS = {
	'target.horizon': {
		label: 'Horizon (trading days)',
		integer: true,
		min: MIN_HORIZON_DAYS,
		max: MAX_HORIZON_DAYS
	},
	'validation.trainLength': {
		label: 'Training rows',
		integer: true,
		min: MIN_TRAIN_ROWS,
		max: MAX_WINDOW_ROWS
	},
	'validation.testLength': { label: 'Test rows', integer: true, min: 1, max: MAX_WINDOW_ROWS },
	'validation.step': { label: 'Step (rows)', integer: true, min: 1, max: MAX_WINDOW_ROWS },
	'validation.embargo': { label: 'Embargo (rows)', integer: true, min: 0, max: MAX_EMBARGO_ROWS },
	'strategy.costBps': {
		label: 'Cost (basis points per unit of position change)',
		integer: false,
		min: 0,
		max: MAX_COST_BPS
	},
	'strategy.volTarget': {
		label: 'Target volatility (annualised; 0.15 = 15 %)',
		integer: false,
		min: MIN_VOL_TARGET,
		max: MAX_VOL_TARGET
	},
	seed: { label: 'Seed', integer: true, min: 0, max: MAX_SEED }
} as const satisfies Record<string, FormNumberField>;

export type TrialNumberPath = keyof typeof TRIAL_NUMBER_FIELDS;

const PARAM_PREFIX = 'model.params.';

/** The form path of a model parameter, as the compliance gateway names it. */
export function paramPath(name: string): string {
	return PARAM_PREFIX + name;
}

/**
 * The problem of each field whose typed text is not a valid value (`texts` holds such text by path). A text
 * that is in fact valid, or belongs to no field of this form and model, raises nothing.
 */
export function textIssues(
	texts: Readonly<Record<string, string | undefined>>,
	modelId: string
): SpecIssue[] {
	const specs = getEntry(modelId)?.params ?? {};
	const issues: SpecIssue[] = [];
	for (const [path, text] of Object.entries(texts)) {
		if (text === undefined) continue;
		let parsed;
		if (path in TRIAL_NUMBER_FIELDS) {
			const field = TRIAL_NUMBER_FIELDS[path as TrialNumberPath];
			parsed = parseNumberText(field.label, text, field);
		} else if (path.startsWith(PARAM_PREFIX) && Object.hasOwn(specs, path.slice(PARAM_PREFIX.length))) {
			const name = path.slice(PARAM_PREFIX.length);
			parsed = parseParamText(name, specs[name], text);
		}
		if (parsed && !parsed.ok) issues.push({ path, message: parsed.message });
	}
	return issues;
}
