/**
 * Choosing a signal's parameters on each training window (issue 10): the trial names a small grid
 * (`model.tune`, e.g. `{ window: [7, 14, 21] }`); on every fold each combination's positions are scored over the
 * fold's training rows only — the net Sharpe ratio of trading them, after the trial's costs and position mode —
 * and the best one trades the test window. The choice is reported per fold. Causal twice over: positions at t
 * use bars ≤ t, and the choice uses training rows whose next-day return ends inside the training window.
 * With `model.tuneWindow` the choice is nested instead (inner-folds.ts): each combination is scored over the
 * stitched inner test windows inside the training rows, the rule nested tuning of learners uses too.
 */
import { strategyReturns, TRADING_DAYS_PER_YEAR } from '../domain/metrics';
import type { Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { MAX_TUNE_COMBINATIONS, type TrialSpec } from '../domain/trial-spec';

export { MAX_TUNE_COMBINATIONS };
import { innerFolds } from './inner-folds';
import type { ErasedSignal, SignalContext } from './seam';

/** Fewer scored training rows than this make a Sharpe ratio too noisy to choose on. */
export const MIN_TUNE_ROWS = 20;

export type TuneGrid = Readonly<Record<string, readonly (number | boolean | string | null)[]>>;
type Params = Record<string, unknown>;

/** Number of combinations a grid expands to (the product of its list lengths; 1 for an empty grid). */
export function comboCount(grid: TuneGrid): number {
	return Object.values(grid).reduce((n, values) => n * values.length, 1);
}

/** Every combination of the grid over the base params, first key varying slowest, in the grid's order. */
export function tuneCombinations(base: Params, grid: TuneGrid): Params[] {
	let combos: Params[] = [{ ...base }];
	for (const [name, values] of Object.entries(grid)) {
		combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
	}
	return combos;
}

/** "window=14, threshold=2" — the tuned part of a combination, for the fold's record. */
export function describeChoice(combo: Params, grid: TuneGrid): string {
	return Object.keys(grid)
		.map((name) => `${name}=${String(combo[name])}`)
		.join(', ');
}

/** Annualised Sharpe ratio of net returns, NaN when undefined (fewer than MIN_TUNE_ROWS, zero spread). */
function sharpe(returns: Float64Array): number {
	const n = returns.length;
	if (n < MIN_TUNE_ROWS) return Number.NaN;
	let mean = 0;
	for (const r of returns) mean += r / n;
	let ss = 0;
	for (const r of returns) ss += (r - mean) ** 2;
	const sd = Math.sqrt(ss / (n - 1));
	return sd > 0 ? (mean / sd) * Math.sqrt(TRADING_DAYS_PER_YEAR) : Number.NaN;
}

/**
 * The tuning objective, shared by signal tuning and nested tuning of learners: the annualised net Sharpe ratio
 * of holding `positions` (clamped to the trial's position mode) over `returns`, after the trial's costs; NaN
 * with fewer than MIN_TUNE_ROWS rows or no spread.
 */
export function netSharpe(
	positions: Float64Array,
	returns: Float64Array,
	strategy: TrialSpec['strategy']
): number {
	if (positions.length === 0) return Number.NaN;
	const lo = strategy.mode === 'long_short' ? -1 : 0;
	const pos = Float64Array.from(positions, (p) => Math.min(1, Math.max(lo, p)));
	return sharpe(strategyReturns(pos, returns, strategy.costBps).net);
}

/** The net Sharpe ratio of trading `positions` on the given rows only, in order (rows without a value skipped). */
export function rowsSharpe(
	positions: Float64Array,
	next: Float64Array,
	rows: Iterable<number>,
	strategy: TrialSpec['strategy']
): number {
	const pos: number[] = [];
	const ret: number[] = [];
	for (const r of rows) {
		if (!Number.isFinite(positions[r]) || !Number.isFinite(next[r])) continue;
		pos.push(positions[r]);
		ret.push(next[r]);
	}
	return netSharpe(Float64Array.from(pos), Float64Array.from(ret), strategy);
}

function* range(from: number, to: number): Generator<number> {
	for (let r = from; r < to; r++) yield r;
}

/** The training-window net Sharpe ratio of trading `positions` (rows whose next-day return ends in training). */
export function trainingSharpe(
	positions: Float64Array,
	next: Float64Array,
	fold: Fold,
	strategy: TrialSpec['strategy']
): number {
	// next[r] runs from close r to close r + 1, so r + 1 < trainEnd keeps it inside the training window.
	return rowsSharpe(positions, next, range(fold.trainStart, fold.trainEnd - 1), strategy);
}

/** Nested scoring of a signal: its net Sharpe ratio over the stitched inner test windows (inner-folds.ts). */
export function innerTestSharpe(
	positions: Float64Array,
	next: Float64Array,
	inner: readonly Fold[],
	strategy: TrialSpec['strategy']
): number {
	return rowsSharpe(
		positions,
		next,
		inner.flatMap((f) => [...range(f.testStart, f.testEnd)]),
		strategy
	);
}

export interface TunedPositions {
	readonly positions: Float64Array;
	readonly info: Record<string, string | number>;
}

/**
 * Positions of the combination with the best training-window Sharpe ratio (the first on a tie or when none can
 * be scored). Combinations the entry's schema refuses (a rule between fields) are skipped and counted.
 */
export function tunedPositions(
	impl: ErasedSignal,
	bars: Bars,
	spec: TrialSpec,
	grid: TuneGrid,
	fold: Fold,
	next: Float64Array,
	ctx: SignalContext
): TunedPositions {
	const combos = tuneCombinations(spec.model.params, grid);
	const window = spec.model.tuneWindow;
	const inner = window ? innerFolds(fold, window, spec.validation.embargo) : null;
	let best: { combo: Params; positions: Float64Array; score: number } | null = null;
	let skipped = 0;
	combos.forEach((combo, i) => {
		let parsed: unknown;
		try {
			parsed = impl.parse(combo);
		} catch {
			skipped++;
			return;
		}
		const positions = impl.positions(bars, parsed, { ...ctx, onProgress: undefined });
		const score = inner
			? innerTestSharpe(positions, next, inner, spec.strategy)
			: trainingSharpe(positions, next, fold, spec.strategy);
		const better = best === null || (Number.isFinite(score) && !(best.score >= score));
		if (better) best = { combo, positions, score: Number.isFinite(score) ? score : -Infinity };
		ctx.onProgress?.((i + 1) / combos.length);
	});
	if (best === null) {
		throw new RangeError(
			`none of the ${combos.length} combinations of model.tune is valid for ${impl.id} (each breaks a rule between its parameters)`
		);
	}
	const chosen: { combo: Params; positions: Float64Array; score: number } = best;
	return {
		positions: chosen.positions,
		info: {
			chosen: describeChoice(chosen.combo, grid),
			...(inner
				? { innerSharpe: Number.isFinite(chosen.score) ? chosen.score : 'n/a', innerFolds: inner.length }
				: { trainSharpe: Number.isFinite(chosen.score) ? chosen.score : 'n/a' }),
			combinations: combos.length - skipped,
			...(skipped > 0 ? { skippedCombinations: skipped } : {})
		}
	};
}
