/**
 * A trial's `features`: a named set (`{ set: 'daily_v1' }`, feature-sets.ts) or a generated one (a recipe,
 * feature-recipe.ts), either optionally with `inputs`: a benchmark and macro series joined as of what was known
 * (feature-inputs.ts), whose columns follow the set's. `{ set: 'daily_v1' }` is what every trial stored before
 * sets existed, so their specs (and content hashes) are unchanged; a spec without `inputs` parses without the key.
 */
import { z } from 'zod';
import {
	FEATURE_FAMILIES,
	FEATURE_TRANSFORMS,
	featureRecipeSchema,
	MAX_RECIPE_DEPTH,
	MAX_RECIPE_LAG,
	recipeColumns,
	recipeWarmup,
	type FeatureRecipe
} from './feature-recipe';
import {
	columnName,
	evaluateColumns,
	FEATURE_SETS,
	NAMED_FEATURE_SETS,
	type NamedFeatureSetId
} from './feature-sets';
import {
	appendInputColumns,
	describeInput,
	featureInputsSchema,
	inputColumnNames,
	inputWarmup,
	type FeatureInputData
} from './feature-inputs';
import type { FeatureSet } from './features';
import type { Bars } from './series';

export const DEFAULT_FEATURE_SET: NamedFeatureSetId = 'daily_v1';
export const FEATURE_SET_IDS = [...NAMED_FEATURE_SETS, 'generated_v1'] as const;

const namedSetSchema = z
	.object({
		set: z.enum(NAMED_FEATURE_SETS, { error: `features.set must be one of ${FEATURE_SET_IDS.join(', ')}` }),
		inputs: featureInputsSchema.optional()
	})
	.strict();

export const featureSpecSchema = z.union(
	[namedSetSchema, featureRecipeSchema.extend({ inputs: featureInputsSchema.optional() })],
	{
		error: `features.set must be one of ${FEATURE_SET_IDS.join(', ')}`
	}
);
export type FeatureSpec = z.infer<typeof featureSpecSchema>;

export function isRecipe(f: FeatureSpec): f is FeatureRecipe {
	return f.set === 'generated_v1';
}

/**
 * Every generated set starts at the warm-up of the largest recipe (all families and transforms, the deepest
 * depth, the longest lag), so all trials of a feature search walk forward over the same folds and their scores
 * (and DSR, PBO) compare the same days. A smaller recipe's extra warm-up rows are simply not used.
 */
export const GENERATED_WARMUP = recipeWarmup({
	set: 'generated_v1',
	families: [...FEATURE_FAMILIES],
	transforms: [...FEATURE_TRANSFORMS],
	depth: MAX_RECIPE_DEPTH,
	lag: MAX_RECIPE_LAG,
	selection: 0.5
});

/** The first row a trial with these features uses (on bars without gaps): where its usable rows start. */
export function featureWarmup(f: FeatureSpec): number {
	const base = isRecipe(f) ? GENERATED_WARMUP : FEATURE_SETS[f.set].warmup;
	return Math.max(base, inputWarmup(f.inputs ?? []));
}

/**
 * The set's features on these bars, then the columns of its inputs (their data as the worker received them;
 * a FeatureInputError when one is missing). A generated set gives every column; each fold selects its own.
 */
export function computeFeatureSpec(
	f: FeatureSpec,
	bars: Bars,
	inputs?: readonly FeatureInputData[]
): FeatureSet {
	const set = isRecipe(f) ? evaluateColumns(recipeColumns(f), bars) : FEATURE_SETS[f.set].compute(bars);
	return appendInputColumns(set, f.inputs, bars, inputs);
}

/**
 * A key that is equal for equal feature specs (a worker's feature cache is keyed by it and the dataset). Inputs
 * are named by kind, id and lag; their content is pinned by the job (the worker checks each input's hash).
 */
export function featureKey(f: FeatureSpec): string {
	const base = isRecipe(f)
		? [f.set, [...f.families].sort().join('+'), [...f.transforms].sort().join('+'), f.depth, f.lag].join('|')
		: f.set;
	if (!f.inputs) return base;
	const inputs = f.inputs.map((i) => `${i.kind}:${i.id}:${i.role}:${JSON.stringify(i.lag)}`);
	return `${base}|inputs=${inputs.join(',')}`;
}

/** The column names of a named set, or of a recipe before selection, then those of its inputs. */
export function featureNames(f: FeatureSpec): readonly string[] {
	const base = isRecipe(f) ? recipeColumns(f).map(columnName) : FEATURE_SETS[f.set].names;
	return f.inputs ? [...base, ...inputColumnNames(f.inputs)] : base;
}

/** A short description of the features for a page or a prompt. */
export function describeFeatures(f: FeatureSpec): string {
	const inputs = f.inputs ? `; other inputs: ${f.inputs.map(describeInput).join(', ')}` : '';
	if (!isRecipe(f)) return `${FEATURE_SETS[f.set].label}: ${FEATURE_SETS[f.set].description}${inputs}`;
	const fams = ['returns', ...f.families].join(', ');
	const tr = f.transforms.length ? f.transforms.join(', ') : 'none';
	return `Generated (depth ${f.depth}): ${fams}; transforms ${tr} (lag ${f.lag}); correlated columns (|ρ| > ${(1 - f.selection).toFixed(2)}) dropped per fold${inputs}`;
}
