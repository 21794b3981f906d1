/**
 * The look-ahead (truncation) check, after Freqtrade's lookahead-analysis: re-run a trial with the data after a
 * test point removed and compare the prediction at that point. A model that only ever reads the past predicts
 * the same whether the future exists or not; any change means something read data from after the point.
 *
 * For a point at bar t of fold k the truncated run keeps bars[0 … t] (every column), recomputes features,
 * targets and positions from them, refits the model on fold k's training window (its rows and their targets
 * end before the test window, so they survive the cut; a leak in features or scaling still changes the fit),
 * and predicts fold k's test rows up to t (predictFoldRows). The full run is runFold on all the bars. A feature
 * input (benchmark, macro series) is cut the same way, by what was known on t's day (cutInputs).
 */
import { cutInputAt, findInputData, type FeatureInputData } from '../domain/feature-inputs';
import type { Bars } from '../domain/series';
import { sliceBars } from '../domain/series';
import type { Fold } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import type { LoadedModel } from './registry';
import { predictFoldRows, runFold } from './run-fold';
import { FitCancelledError } from './types';

/**
 * Points checked per fold for a model that is fitted (learners, forecasters, volatility and regime models,
 * tuned signals): each point costs a refit, so five (the first and last test rows and three evenly between)
 * keep the check at about six fits a fold (the full run and five truncated), and the first test row — where
 * a peek at the next row or at the rest of the window shows first — is always among them.
 */
export const DEFAULT_POINTS_PER_FOLD = 5;

export interface LookaheadOptions {
	/**
	 * Test rows checked per fold, or 'all'. Default: 'all' for an untuned signal (no fit, so a point costs one
	 * pass of features and positions over the cut bars), DEFAULT_POINTS_PER_FOLD for everything else.
	 */
	readonly pointsPerFold?: number | 'all';
	/**
	 * Largest |full − truncated| still counted as equal. Default 0 (bit-for-bit): every model is deterministic
	 * for its seed and the truncated run repeats the same float operations on the same training rows, so any
	 * difference, however small, is a dependence on later data. Raise it only for a backend whose results depend
	 * on batch shape.
	 */
	readonly tolerance?: number;
	readonly isCancelled?: () => boolean;
	/**
	 * The data of the spec's feature inputs. Each truncated run gets them as known at the cut day
	 * (domain/feature-inputs.ts cutInputAt): later observations removed, unpublished ones blanked.
	 */
	readonly inputs?: readonly FeatureInputData[];
	/** Fraction of the check done, in [0, 1]; ends at 1. */
	readonly onProgress?: (fraction: number) => void;
}

export interface LookaheadPoint {
	/** Bar index of the test row. */
	readonly row: number;
	/** Its time, epoch ms. */
	readonly t: number;
	/** The prediction of the full run (runFold's `predicted`). */
	readonly full: number;
	/** The prediction with bars after `row` removed; NaN when the cut bars could not feed the row to the model. */
	readonly truncated: number;
	readonly equal: boolean;
}

export interface LookaheadFold {
	/** Fold.index. */
	readonly fold: number;
	readonly points: LookaheadPoint[];
}

export interface LookaheadLeak {
	readonly fold: number;
	readonly row: number;
	readonly t: number;
	readonly full: number;
	readonly truncated: number;
}

export interface LookaheadReport {
	readonly checkedPoints: number;
	readonly perFold: LookaheadFold[];
	/**
	 * The first checked point that changed: in the first fold (in the order given) with one, at its earliest
	 * checked row. With a few points a fold it bounds the leak's start rather than dating it to the day.
	 */
	readonly firstLeak: LookaheadLeak | null;
}

/**
 * Positions (0 … n − 1) of the points checked among a fold's n test rows: all of them, or `count` spread evenly
 * from the first to the last (rounded to the nearest row), without repeats.
 */
export function checkPositions(n: number, count: number | 'all'): number[] {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`);
	if (count !== 'all' && !(Number.isInteger(count) && count >= 1)) {
		throw new RangeError(`pointsPerFold must be 'all' or a whole number ≥ 1, got ${count}`);
	}
	if (count === 'all' || count >= n) return Array.from({ length: n }, (_, i) => i);
	if (count === 1) return [0];
	const out = new Set<number>();
	for (let k = 0; k < count; k++) out.add(Math.round((k * (n - 1)) / (count - 1)));
	return [...out];
}

/** The spec's inputs as known at the close of `cutT`'s day (none when the spec names none). */
export function cutInputs(
	spec: TrialSpec,
	data: readonly FeatureInputData[] | undefined,
	cutT: number
): FeatureInputData[] | undefined {
	if (!spec.features.inputs) return undefined;
	return spec.features.inputs.map((i) => cutInputAt(findInputData(i, data), i.lag, cutT));
}

export async function lookaheadCheck(
	spec: TrialSpec,
	folds: readonly Fold[],
	bars: Bars,
	loaded: LoadedModel,
	options: LookaheadOptions = {}
): Promise<LookaheadReport> {
	const impl = loaded.implementation;
	const fitted = impl.kind !== 'signal' || spec.model.tune !== undefined;
	const count = options.pointsPerFold ?? (fitted ? DEFAULT_POINTS_PER_FOLD : 'all');
	const tolerance = options.tolerance ?? 0;
	if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0, got ${tolerance}`);
	checkPositions(0, count);
	const { isCancelled, onProgress } = options;
	const stopIfCancelled = (): void => {
		if (isCancelled?.()) throw new FitCancelledError();
	};

	const perFold: LookaheadFold[] = [];
	let firstLeak: LookaheadLeak | null = null;
	let checkedPoints = 0;
	for (const [k, fold] of folds.entries()) {
		stopIfCancelled();
		const full = await runFold(spec, fold, bars, loaded, { isCancelled, inputs: options.inputs });
		const rows = Array.from(full.row);
		const positions = checkPositions(rows.length, count);
		const points: LookaheadPoint[] = [];
		for (const [j, at] of positions.entries()) {
			stopIfCancelled();
			const row = rows[at];
			const cut = sliceBars(bars, 0, row + 1);
			const upTo = rows.slice(0, at + 1);
			const inputs = cutInputs(spec, options.inputs, bars.t[row]);
			const predicted = await predictFoldRows(spec, fold, cut, loaded, upTo, { isCancelled, inputs });
			const truncated = predicted[at];
			const value = full.predicted[at];
			const equal = value === truncated || Math.abs(value - truncated) <= tolerance;
			points.push({ row, t: bars.t[row], full: value, truncated, equal });
			if (!equal && firstLeak === null) {
				firstLeak = { fold: fold.index, row, t: bars.t[row], full: value, truncated };
			}
			onProgress?.((k + (j + 1) / positions.length) / folds.length);
		}
		checkedPoints += points.length;
		perFold.push({ fold: fold.index, points });
	}
	onProgress?.(1);
	return { checkedPoints, perFold, firstLeak };
}
