/**
 * The New trial form's "choose on each training window" fields (a signal's `model.tune`): per numeric
 * parameter, the values to try typed as a list ("7, 14, 21"); an empty field keeps the parameter fixed. Parsed
 * strictly with the parameter's own range, so a bad value is named before the gateway sees the grid.
 */
import { getEntry } from '$lib/catalog/catalog';
import type { ParamSpec } from '$lib/catalog/params';
import { MAX_TUNE_COMBINATIONS, MAX_TUNE_VALUES, type SpecIssue } from '$lib/domain/trial-spec';
import { parseListText } from './field-text';

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
