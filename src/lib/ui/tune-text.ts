/**
 * The New trial form's "choose on each training window" fields (`model.tune`): per numeric parameter, the values
 * to try typed as a list ("7, 14, 21"); an empty field keeps the parameter fixed. Parsed strictly with the
 * parameter's own range, so a bad value is named before the gateway sees the grid. A learner's grid is chosen by
 * nested walk-forward (`model.tuneWindow`, catalog procedure walk_forward_optimization), whose two sizes are typed
 * here too; a signal may opt into it.
 */
import { getEntry, requireEntry } from '$lib/catalog/catalog';
import type { ParamSpec } from '$lib/catalog/params';
import { MAX_TUNE_COMBINATIONS, MAX_TUNE_VALUES, type SpecIssue } from '$lib/domain/trial-spec';
import { isFittedTask, NESTED_TUNING_PROCEDURE } from '$lib/compliance/tune-policy';
import { parseListText, parseNumberText } from './field-text';

export type TuneGrid = Record<string, number[]>;

/** Parameters a grid can vary: whole numbers and numbers (lists and choices are set directly). */
export function tunableParams(modelId: string): [string, ParamSpec & { type: 'int' | 'float' }][] {
	return Object.entries(getEntry(modelId)?.params ?? {}).filter(
		(e): e is [string, ParamSpec & { type: 'int' | 'float' }] => e[1].type === 'int' || e[1].type === 'float'
	);
}

/** The grid the typed texts describe, and what is wrong with them (paths `model.tune.<name>`). */
export function tuneFromTexts(
	modelId: string,
	texts: Readonly<Record<string, string>>
): { grid: TuneGrid | null; issues: SpecIssue[] } {
	const grid: TuneGrid = {};
	const issues: SpecIssue[] = [];
	for (const [name, spec] of tunableParams(modelId)) {
		const text = texts[name] ?? '';
		if (text.trim() === '') continue;
		const parsed = parseListText(`Values of ${name}`, text, {
			integer: spec.type === 'int',
			min: spec.min,
			max: spec.max,
			minLength: 2,
			maxLength: MAX_TUNE_VALUES
		});
		if (!parsed.ok) issues.push({ path: `model.tune.${name}`, message: parsed.message });
		else if (new Set(parsed.value).size !== parsed.value.length)
			issues.push({ path: `model.tune.${name}`, message: `Values of ${name}: a value is repeated` });
		else grid[name] = parsed.value;
	}
	const combos = Object.values(grid).reduce((n, v) => n * v.length, 1);
	if (Object.keys(grid).length > 0 && combos > MAX_TUNE_COMBINATIONS)
		issues.push({
			path: 'model.tune',
			message: `The values to try make ${combos} combinations; at most ${MAX_TUNE_COMBINATIONS} are tried on each fold`
		});
	return { grid: Object.keys(grid).length > 0 ? grid : null, issues };
}

/** The New trial form's inner walk-forward fields (nested tuning, `model.tuneWindow`), as typed. */
export interface TuneWindowTexts {
	windowSize: string;
	stepSize: string;
	/** A signal's choice of nested walk-forward over its training-window Sharpe (a learner always nests). */
	nested: boolean;
}

const PROCEDURE = requireEntry(NESTED_TUNING_PROCEDURE);
const INNER_FIELDS = {
	windowSize: { param: PROCEDURE.params.window_size, label: 'Inner training window' },
	stepSize: { param: PROCEDURE.params.step_size, label: 'Inner test step' }
} as const;

/** The catalog procedure's defaults (window 252, step 22), not nested for a signal. */
export const DEFAULT_TUNE_WINDOW_TEXTS: Readonly<TuneWindowTexts> = {
	windowSize: String(PROCEDURE.params.window_size.default),
	stepSize: String(PROCEDURE.params.step_size.default),
	nested: false
};

/** Signals and learners take a grid; a learner's is always chosen by nested walk-forward. */
export function canTune(task: string | null): boolean {
	return task === 'signal' || isFittedTask(task);
}

/** The range of an inner field, from walk_forward_optimization's declaration. */
export function innerFieldRange(field: keyof typeof INNER_FIELDS): { min: number; max: number } {
	const param = INNER_FIELDS[field].param;
	return param.type === 'int' ? { min: param.min, max: param.max } : { min: 1, max: 1 };
}

/**
 * The inner walk-forward the texts describe, when it applies: a grid is set and the model is a learner (always)
 * or a signal with `nested` ticked. Issues name `model.tuneWindow.<field>`.
 */
export function tuneWindowFromTexts(
	task: string | null,
	grid: TuneGrid | null,
	texts: TuneWindowTexts
): { window: { windowSize: number; stepSize: number } | null; issues: SpecIssue[] } {
	if (!grid || !(isFittedTask(task) || (task === 'signal' && texts.nested)))
		return { window: null, issues: [] };
	const issues: SpecIssue[] = [];
	const values: Record<string, number> = {};
	for (const field of ['windowSize', 'stepSize'] as const) {
		const parsed = parseNumberText(INNER_FIELDS[field].label, texts[field], {
			integer: true,
			...innerFieldRange(field)
		});
		if (parsed.ok) values[field] = parsed.value;
		else issues.push({ path: `model.tuneWindow.${field}`, message: parsed.message });
	}
	if (issues.length > 0) return { window: null, issues };
	return { window: { windowSize: values.windowSize, stepSize: values.stepSize }, issues };
}
