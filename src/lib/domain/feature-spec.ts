/**
 * A trial's `features`: a named set (`{ set: 'daily_v1' }`, feature-sets.ts) or a generated one (a recipe,
 * feature-recipe.ts). `{ set: 'daily_v1' }` is what every trial stored before sets existed, so their specs (and
 * content hashes) are unchanged.
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
import type { FeatureSet } from './features';
import type { Bars } from './series';

export const DEFAULT_FEATURE_SET: NamedFeatureSetId = 'daily_v1';
export const FEATURE_SET_IDS = [...NAMED_FEATURE_SETS, 'generated_v1'] as const;

const namedSetSchema = z
	.object({
		set: z.enum(NAMED_FEATURE_SETS, { error: `features.set must be one of ${FEATURE_SET_IDS.join(', ')}` })
	})
	.strict();

export const featureSpecSchema = z.union([namedSetSchema, featureRecipeSchema], {
	error: `features.set must be one of ${FEATURE_SET_IDS.join(', ')}`
});
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
	return isRecipe(f) ? GENERATED_WARMUP : FEATURE_SETS[f.set].warmup;
}

/** The set's features on these bars. A generated set gives every column; each fold selects its own. */
export function computeFeatureSpec(f: FeatureSpec, bars: Bars): FeatureSet {
	return isRecipe(f) ? evaluateColumns(recipeColumns(f), bars) : FEATURE_SETS[f.set].compute(bars);
}

/** A key that is equal for equal feature specs (a worker's feature cache is keyed by it and the dataset). */
export function featureKey(f: FeatureSpec): string {
	if (!isRecipe(f)) return f.set;
	return [f.set, [...f.families].sort().join('+'), [...f.transforms].sort().join('+'), f.depth, f.lag].join(
		'|'
	);
}

/** The column names of a named set, or of a recipe before selection. */
export function featureNames(f: FeatureSpec): readonly string[] {
	return isRecipe(f) ? recipeColumns(f).map(columnName) : FEATURE_SETS[f.set].names;
}

/** A short description of the features for a page or a prompt. */
export function describeFeatures(f: FeatureSpec): string {
	if (!isRecipe(f)) return `${FEATURE_SETS[f.set].label}: ${FEATURE_SETS[f.set].description}`;
	const fams = ['returns', ...f.families].join(', ');
	const tr = f.transforms.length ? f.transforms.join(', ') : 'none';
	return `Generated (depth ${f.depth}): ${fams}; transforms ${tr} (lag ${f.lag}); correlated columns (|ρ| > ${(1 - f.selection).toFixed(2)}) dropped per fold`;
}
