/**
 * A study over feature sets (the catalog's automated_feature_engineering): besides any model parameters, the
 * sampler chooses a generated set's recipe (domain/feature-recipe.ts) — which feature families join the returns,
 * which transforms are stacked, the depth and the lag — through dimensions named `features.<name>`. Each trial
 * runs the base trial with that recipe. Pure.
 */
import {
	FEATURE_FAMILIES,
	FEATURE_TRANSFORMS,
	MAX_RECIPE_DEPTH,
	MAX_RECIPE_LAG,
	type FeatureRecipe
} from '../../domain/feature-recipe';
import type { Dimension, Params, ParamValue } from './space';

export const FEATURE_PARAM_PREFIX = 'features.';

/** What a feature search is set to: the deepest recipe it may try, and the selection threshold. */
export interface FeatureSearch {
	readonly maxDepth: number;
	readonly selection: number;
}

const bool = (name: string): Dimension => ({ kind: 'categorical', name, choices: [false, true] });

/** The depth the search tries up to: the procedure's max_depth, at most the deepest recipe that adds columns. */
export function searchedDepth(maxDepth: number): number {
	return Math.min(maxDepth, MAX_RECIPE_DEPTH);
}

/**
 * The feature dimensions: one on/off per family, and with depth above 1 one on/off per transform, the depth and
 * the lag. The order is fixed (samplers are seeded per dimension order).
 */
export function featureDimensions(search: FeatureSearch): Dimension[] {
	const dims: Dimension[] = FEATURE_FAMILIES.map((f) => bool(`${FEATURE_PARAM_PREFIX}${f}`));
	const depth = searchedDepth(search.maxDepth);
	if (depth > 1) {
		dims.push(...FEATURE_TRANSFORMS.map((t) => bool(`${FEATURE_PARAM_PREFIX}use_${t}`)));
		dims.push({ kind: 'int', name: `${FEATURE_PARAM_PREFIX}depth`, low: 1, high: depth, log: false });
		dims.push({ kind: 'int', name: `${FEATURE_PARAM_PREFIX}lag`, low: 1, high: MAX_RECIPE_LAG, log: false });
	}
	return dims;
}

export function isFeatureParam(name: string): boolean {
	return name.startsWith(FEATURE_PARAM_PREFIX);
}

/**
 * The sampled parameters split into the model's and the recipe they name. Depth 1 (or none given) makes the
 * transforms and the lag irrelevant: they are recorded as sampled but change no column.
 */
export function splitFeatureParams(
	params: Params,
	search: FeatureSearch
): { model: Record<string, ParamValue>; recipe: FeatureRecipe } {
	const model: Record<string, ParamValue> = {};
	const feature: Record<string, ParamValue> = {};
	for (const [k, v] of Object.entries(params)) {
		if (isFeatureParam(k)) feature[k.slice(FEATURE_PARAM_PREFIX.length)] = v;
		else model[k] = v;
	}
	const depth = typeof feature.depth === 'number' ? feature.depth : 1;
	const lag = typeof feature.lag === 'number' ? feature.lag : 1;
	return {
		model,
		recipe: {
			set: 'generated_v1',
			families: FEATURE_FAMILIES.filter((f) => feature[f] === true),
			transforms: FEATURE_TRANSFORMS.filter((t) => feature[`use_${t}`] === true),
			depth,
			lag,
			selection: search.selection
		}
	};
}
