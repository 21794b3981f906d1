/**
 * Named, versioned feature sets: what a trial's `features.set` selects. A set is a list of columns, each a causal
 * operator (domain/features.ts, domain/feature-ops.ts) with its windows, optionally wrapped in transforms (lag,
 * difference, rolling z-score) — every one reading bars 0..t only, which feature-sets.spec.ts proves for every set
 * by perturbing the future. A set's content never changes under its id: a new version gets a new id, so a stored
 * trial always recomputes the features it was run with.
 *
 * - `daily_v1`: the 13 features every trial used before sets existed (computed by domain/features.ts as before).
 * - `swing_7_12_v1`: the original's 7–12-day set (original-system.md §6.7) from one symbol's bars: returns over
 *   5/7/10/12 days, RSI 9/14, close/SMA10 − 1, the EMA8 − EMA13 spread, volume over its 7-day mean, 10-day realised
 *   volatility and its regime (the percentile of that volatility within its own past). The original's VIX level
 *   and yield curve are inputs from other series: they wait for the as-of join of macro data (issue 12).
 * - `trend_50_70_v1`: the original's 50–70-day set from one symbol's bars: returns over 30/50/60 days,
 *   close/SMA50 − 1, close/SMA200 − 1, SMA50/SMA200 − 1, momentum quality over 60 days, 60-day realised and
 *   downside volatility, month and quarter. Relative strength against SPY, GDP growth and the credit spread wait
 *   for the same join.
 * - `generated_v1`: a set built from a recipe (feature families, transforms, depth, lag): what the catalog's
 *   automated_feature_engineering searches over (domain/feature-recipe.ts).
 */
import {
	differenced,
	downsideVolatility,
	emaSpread,
	expandingPercentile,
	lagged,
	momentumQuality,
	monthOf,
	pctReturn,
	quarterOf,
	rollingZ,
	smaGap,
	smaRatio,
	volumeRatio
} from './feature-ops';
import {
	closeOverSma,
	computeFeatures,
	FEATURE_NAMES,
	FEATURE_WARMUP_ROWS,
	logReturnLag,
	rollingVolatility,
	rsi,
	volumeZScore,
	type FeatureSet
} from './features';
import type { Bars } from './series';

/** A primitive operator on the bars, with its parameters. */
export type Primitive =
	| { readonly op: 'logret'; readonly k: number }
	| { readonly op: 'pctret'; readonly k: number }
	| { readonly op: 'close_sma'; readonly w: number }
	| { readonly op: 'sma_gap'; readonly w: number }
	| { readonly op: 'sma_ratio'; readonly fast: number; readonly slow: number }
	| { readonly op: 'ema_spread'; readonly fast: number; readonly slow: number }
	| { readonly op: 'rsi'; readonly w: number }
	| { readonly op: 'vol'; readonly w: number }
	| { readonly op: 'downside_vol'; readonly w: number }
	| { readonly op: 'vol_percentile'; readonly w: number; readonly history: number }
	| { readonly op: 'volume_ratio'; readonly w: number }
	| { readonly op: 'volume_z'; readonly w: number }
	| { readonly op: 'momentum_quality'; readonly w: number }
	| { readonly op: 'month' }
	| { readonly op: 'quarter' };

/** A transform applied to a column: x[t − k], x[t] − x[t − k], or a rolling z-score over w rows. */
export type Transform =
	| { readonly op: 'lag'; readonly k: number }
	| { readonly op: 'diff'; readonly k: number }
	| { readonly op: 'zscore'; readonly w: number };

/** One column: a primitive, then its transforms applied in order (innermost first). */
export interface Column {
	readonly primitive: Primitive;
	readonly transforms: readonly Transform[];
}

export function primitiveName(p: Primitive): string {
	switch (p.op) {
		case 'logret':
		case 'pctret':
			return `${p.op}_${p.k}`;
		case 'sma_ratio':
		case 'ema_spread':
			return `${p.op}_${p.fast}_${p.slow}`;
		case 'vol_percentile':
			return `vol_${p.w}_percentile`;
		case 'month':
		case 'quarter':
			return p.op;
		default:
			return `${p.op}_${p.w}`;
	}
}

function transformName(t: Transform, inner: string): string {
	return t.op === 'zscore' ? `z${t.w}(${inner})` : `${t.op}${t.k}(${inner})`;
}

export function columnName(c: Column): string {
	return c.transforms.reduce((name, t) => transformName(t, name), primitiveName(c.primitive));
}

/** Leading rows the primitive leaves NaN (on bars without gaps). */
export function primitiveWarmup(p: Primitive): number {
	switch (p.op) {
		case 'logret':
		case 'pctret':
			return p.k;
		case 'close_sma':
		case 'sma_gap':
		case 'volume_ratio':
		case 'volume_z':
			return p.w - 1;
		case 'sma_ratio':
		case 'ema_spread':
			return p.slow - 1;
		case 'rsi':
		case 'vol':
		case 'downside_vol':
		case 'momentum_quality':
			return p.w;
		case 'vol_percentile':
			return p.w + p.history;
		case 'month':
		case 'quarter':
			return 0;
	}
}

export function columnWarmup(c: Column): number {
	return c.transforms.reduce((w, t) => w + (t.op === 'zscore' ? t.w - 1 : t.k), primitiveWarmup(c.primitive));
}

export function evaluatePrimitive(p: Primitive, bars: Bars): Float64Array {
	const { close, volume } = bars;
	switch (p.op) {
		case 'logret':
			return logReturnLag(close, p.k);
		case 'pctret':
			return pctReturn(close, p.k);
		case 'close_sma':
			return closeOverSma(close, p.w);
		case 'sma_gap':
			return smaGap(close, p.w);
		case 'sma_ratio':
			return smaRatio(close, p.fast, p.slow);
		case 'ema_spread':
			return emaSpread(close, p.fast, p.slow);
		case 'rsi':
			return rsi(close, p.w);
		case 'vol':
			return rollingVolatility(close, p.w);
		case 'downside_vol':
			return downsideVolatility(close, p.w);
		case 'vol_percentile':
			return expandingPercentile(rollingVolatility(close, p.w), p.history);
		case 'volume_ratio':
			return volumeRatio(volume, p.w);
		case 'volume_z':
			return volumeZScore(volume, p.w);
		case 'momentum_quality':
			return momentumQuality(close, p.w);
		case 'month':
			return monthOf(bars.t);
		case 'quarter':
			return quarterOf(bars.t);
	}
}

function applyTransform(t: Transform, x: Float64Array): Float64Array {
	if (t.op === 'lag') return lagged(x, t.k);
	if (t.op === 'diff') return differenced(x, t.k);
	return rollingZ(x, t.w);
}

/** The columns as a feature matrix (rows = bars); each primitive computed once however many columns use it. */
export function evaluateColumns(columns: readonly Column[], bars: Bars): FeatureSet {
	const cache = new Map<string, Float64Array>();
	const values = columns.map((c) => {
		const key = primitiveName(c.primitive);
		let base = cache.get(key);
		if (!base) {
			base = evaluatePrimitive(c.primitive, bars);
			cache.set(key, base);
		}
		return c.transforms.reduce((x, t) => applyTransform(t, x), base);
	});
	const rows = bars.t.length;
	const cols = columns.length;
	const data = new Float64Array(rows * cols);
	for (let c = 0; c < cols; c++) {
		const col = values[c];
		for (let r = 0; r < rows; r++) data[r * cols + c] = col[r];
	}
	return { names: columns.map(columnName), matrix: { data, rows, cols } };
}

const plain = (primitive: Primitive): Column => ({ primitive, transforms: [] });

export const SWING_7_12_COLUMNS: readonly Column[] = [
	...[5, 7, 10, 12].map((k) => plain({ op: 'pctret', k })),
	plain({ op: 'rsi', w: 9 }),
	plain({ op: 'rsi', w: 14 }),
	plain({ op: 'sma_gap', w: 10 }),
	plain({ op: 'ema_spread', fast: 8, slow: 13 }),
	plain({ op: 'volume_ratio', w: 7 }),
	plain({ op: 'vol', w: 10 }),
	plain({ op: 'vol_percentile', w: 10, history: 60 })
];

export const TREND_50_70_COLUMNS: readonly Column[] = [
	...[30, 50, 60].map((k) => plain({ op: 'pctret', k })),
	plain({ op: 'sma_gap', w: 50 }),
	plain({ op: 'sma_gap', w: 200 }),
	plain({ op: 'sma_ratio', fast: 50, slow: 200 }),
	plain({ op: 'momentum_quality', w: 60 }),
	plain({ op: 'vol', w: 60 }),
	plain({ op: 'downside_vol', w: 60 }),
	plain({ op: 'month' }),
	plain({ op: 'quarter' })
];

export const NAMED_FEATURE_SETS = ['daily_v1', 'swing_7_12_v1', 'trend_50_70_v1'] as const;
export type NamedFeatureSetId = (typeof NAMED_FEATURE_SETS)[number];

export interface NamedFeatureSet {
	readonly id: NamedFeatureSetId;
	readonly label: string;
	readonly description: string;
	readonly names: readonly string[];
	/** The first row with every feature (on bars without gaps). */
	readonly warmup: number;
	readonly compute: (bars: Bars) => FeatureSet;
}

function fromColumns(
	id: NamedFeatureSetId,
	label: string,
	description: string,
	columns: readonly Column[]
): NamedFeatureSet {
	return {
		id,
		label,
		description,
		names: columns.map(columnName),
		warmup: Math.max(...columns.map(columnWarmup)),
		compute: (bars) => evaluateColumns(columns, bars)
	};
}

export const FEATURE_SETS: Readonly<Record<NamedFeatureSetId, NamedFeatureSet>> = {
	daily_v1: {
		id: 'daily_v1',
		label: 'Daily (13 features)',
		description:
			'log returns over 1–20 days, close over SMA 5–50, 5- and 20-day volatility, RSI 14, volume z-score',
		names: FEATURE_NAMES,
		warmup: FEATURE_WARMUP_ROWS,
		compute: computeFeatures
	},
	swing_7_12_v1: fromColumns(
		'swing_7_12_v1',
		'7–12 days (original §6.7)',
		'returns over 5/7/10/12 days, RSI 9/14, close/SMA10 − 1, EMA8 − EMA13 spread, volume / 7-day mean, 10-day volatility and its percentile in its own past',
		SWING_7_12_COLUMNS
	),
	trend_50_70_v1: fromColumns(
		'trend_50_70_v1',
		'50–70 days (original §6.7)',
		'returns over 30/50/60 days, close/SMA50 and SMA200 − 1, SMA50/SMA200 − 1, 60-day momentum quality, 60-day volatility and downside volatility, month, quarter',
		TREND_50_70_COLUMNS
	)
};

export function isNamedFeatureSet(id: string): id is NamedFeatureSetId {
	return (NAMED_FEATURE_SETS as readonly string[]).includes(id);
}
