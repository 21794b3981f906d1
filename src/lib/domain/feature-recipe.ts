/**
 * The generated feature set (`generated_v1`): columns built from a recipe of causal operators, what the catalog's
 * automated_feature_engineering searches over. Its original was featuretools' deep feature synthesis (max_depth 3,
 * a selection threshold 0.1); here "depth" means the same thing on one series — the number of operators composed
 * in one column:
 *
 * - depth 1: the primitives of the chosen families (returns always; trend, EMA, oscillators, volatility, volume,
 *   momentum quality, calendar as chosen), each over the family's fixed windows;
 * - depth d > 1: each primitive (calendar excepted) also wrapped in every combination of at most d − 1 of the
 *   chosen transforms — rolling z-score over 20 rows, difference over `lag` rows, lag by `lag` rows — applied in
 *   that order (z-score, then difference, then lag: lag commutes with both, so no order repeats a column). With
 *   three transforms, depth 4 already makes every combination, so deeper recipes add nothing.
 *
 * Every operator reads rows 0..t only (feature-sets.spec.ts perturbs the future of generated sets too).
 * `selection` is the threshold of featuretools' `remove_highly_correlated_features` read as 1 − |ρ|: on each
 * fold's training rows only, a column is dropped when its absolute Pearson correlation with a column kept before
 * it exceeds 1 − selection, or when it is constant there (`selectColumns`).
 */
import { z } from 'zod';
import type { Column, Primitive, Transform } from './feature-sets';
import { columnWarmup } from './feature-sets';
import type { Matrix } from './matrix';

export const FEATURE_FAMILIES = [
	'trend',
	'ema',
	'oscillator',
	'volatility',
	'volume',
	'quality',
	'calendar'
] as const;
export type FeatureFamily = (typeof FEATURE_FAMILIES)[number];
export const FEATURE_TRANSFORMS = ['zscore', 'diff', 'lag'] as const;
export type FeatureTransform = (typeof FEATURE_TRANSFORMS)[number];
export const MAX_RECIPE_DEPTH = 1 + FEATURE_TRANSFORMS.length;
export const MAX_RECIPE_LAG = 10;
export const ZSCORE_WINDOW = 20;

/** The primitives of each family; returns are in every recipe. */
export const RETURNS_FAMILY: readonly Primitive[] = [1, 2, 5, 10, 20, 60].map((k) => ({ op: 'logret', k }));
export const FAMILY_PRIMITIVES: Readonly<Record<FeatureFamily, readonly Primitive[]>> = {
	trend: [
		{ op: 'sma_gap', w: 10 },
		{ op: 'sma_gap', w: 20 },
		{ op: 'sma_gap', w: 50 },
		{ op: 'sma_ratio', fast: 10, slow: 50 }
	],
	ema: [
		{ op: 'ema_spread', fast: 8, slow: 13 },
		{ op: 'ema_spread', fast: 12, slow: 26 }
	],
	oscillator: [
		{ op: 'rsi', w: 9 },
		{ op: 'rsi', w: 14 }
	],
	volatility: [
		{ op: 'vol', w: 10 },
		{ op: 'vol', w: 20 },
		{ op: 'vol', w: 60 },
		{ op: 'downside_vol', w: 20 }
	],
	volume: [
		{ op: 'volume_ratio', w: 7 },
		{ op: 'volume_ratio', w: 20 },
		{ op: 'volume_z', w: 20 }
	],
	quality: [
		{ op: 'momentum_quality', w: 20 },
		{ op: 'momentum_quality', w: 60 }
	],
	calendar: [{ op: 'month' }, { op: 'quarter' }]
};

export const featureRecipeSchema = z
	.object({
		set: z.literal('generated_v1'),
		families: z
			.array(z.enum(FEATURE_FAMILIES, { error: `features.families: one of ${FEATURE_FAMILIES.join(', ')}` }))
			.max(FEATURE_FAMILIES.length)
			.refine((f) => new Set(f).size === f.length, { error: 'features.families names a family twice' }),
		transforms: z
			.array(
				z.enum(FEATURE_TRANSFORMS, { error: `features.transforms: one of ${FEATURE_TRANSFORMS.join(', ')}` })
			)
			.max(FEATURE_TRANSFORMS.length)
			.refine((t) => new Set(t).size === t.length, { error: 'features.transforms names a transform twice' }),
		depth: z
			.number({ error: 'features.depth must be a number' })
			.int({ error: 'features.depth must be a whole number' })
			.min(1, { error: 'features.depth must be at least 1' })
			.max(MAX_RECIPE_DEPTH, { error: `features.depth must be at most ${MAX_RECIPE_DEPTH}` }),
		lag: z
			.number({ error: 'features.lag must be a number' })
			.int({ error: 'features.lag must be a whole number of rows' })
			.min(1, { error: 'features.lag must be at least 1' })
			.max(MAX_RECIPE_LAG, { error: `features.lag must be at most ${MAX_RECIPE_LAG}` }),
		selection: z
			.number({ error: 'features.selection must be a number' })
			.min(0.01, { error: 'features.selection must be at least 0.01' })
			.max(0.5, { error: 'features.selection must be at most 0.5' })
	})
	.strict();
export type FeatureRecipe = z.infer<typeof featureRecipeSchema>;

/** Every subset of the chosen transforms of at most `size` elements, each in the canonical order. */
function transformCombos(chosen: readonly FeatureTransform[], size: number): FeatureTransform[][] {
	const ordered = FEATURE_TRANSFORMS.filter((t) => chosen.includes(t));
	const out: FeatureTransform[][] = [[]];
	for (const t of ordered) {
		const grown = out.filter((c) => c.length < size).map((c) => [...c, t]);
		out.push(...grown);
	}
	return out.sort((a, b) => a.length - b.length);
}

function transformOf(t: FeatureTransform, lag: number): Transform {
	return t === 'zscore' ? { op: 'zscore', w: ZSCORE_WINDOW } : { op: t, k: lag };
}

/** The recipe's columns: all depth-1 columns first, then depth 2, … (the order selection keeps by). */
export function recipeColumns(recipe: FeatureRecipe): Column[] {
	const primitives: Primitive[] = [
		...RETURNS_FAMILY,
		...FEATURE_FAMILIES.filter((f) => recipe.families.includes(f)).flatMap((f) => FAMILY_PRIMITIVES[f])
	];
	const combos = transformCombos(recipe.transforms, recipe.depth - 1);
	const columns: Column[] = [];
	for (const combo of combos)
		for (const p of primitives) {
			if (combo.length > 0 && (p.op === 'month' || p.op === 'quarter')) continue;
			columns.push({ primitive: p, transforms: combo.map((t) => transformOf(t, recipe.lag)) });
		}
	return columns;
}

export function recipeWarmup(recipe: FeatureRecipe): number {
	return Math.max(...recipeColumns(recipe).map(columnWarmup));
}

/**
 * The columns kept on these training rows: in order, a column is kept unless it is constant on the rows (or has a
 * non-finite value on one) or its |Pearson ρ| with an already kept column exceeds 1 − threshold. Reads only
 * `rows` (a fold's training rows). At least the first non-constant column is kept when any is.
 */
export function selectColumns(m: Matrix, rows: readonly number[], threshold: number): number[] {
	const n = rows.length;
	const limit = 1 - threshold;
	const kept: { index: number; z: Float64Array }[] = [];
	for (let c = 0; c < m.cols; c++) {
		const x = new Float64Array(n);
		let s = 0;
		let finite = true;
		for (let i = 0; i < n; i++) {
			const v = m.data[rows[i] * m.cols + c];
			if (!Number.isFinite(v)) {
				finite = false;
				break;
			}
			x[i] = v;
			s += v;
		}
		if (!finite || n < 2) continue;
		const mean = s / n;
		let ss = 0;
		for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
		if (!(ss > 1e-24 * n)) continue;
		const sd = Math.sqrt(ss);
		for (let i = 0; i < n; i++) x[i] = (x[i] - mean) / sd;
		let redundant = false;
		for (const k of kept) {
			let dot = 0;
			for (let i = 0; i < n; i++) dot += x[i] * k.z[i];
			if (Math.abs(dot) > limit) {
				redundant = true;
				break;
			}
		}
		if (!redundant) kept.push({ index: c, z: x });
	}
	return kept.map((k) => k.index);
}

/** The matrix restricted to columns `keep`, in that order. */
export function takeColumns(m: Matrix, keep: readonly number[]): Matrix {
	const cols = keep.length;
	const data = new Float64Array(m.rows * cols);
	for (let r = 0; r < m.rows; r++) {
		const base = r * m.cols;
		for (let j = 0; j < cols; j++) data[r * cols + j] = m.data[base + keep[j]];
	}
	return { data, rows: m.rows, cols };
}
