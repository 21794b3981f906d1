/**
 * Walk-forward validation in time order. Each fold trains on rows before its test window and never on a row
 * whose forward-looking target reaches into the test window: the embargo (>= horizon) leaves a gap of rows
 * between the last training row and the first test row. A shuffled split on time series is a bug (the
 * original system shuffled, leaking the future into training).
 */
import { z } from 'zod';
import { FEATURE_WARMUP_ROWS } from './features';

export const MAX_FOLDS = 500;

const DAY_MS = 86_400_000;

/** Epoch ms of the start (00:00 UTC) of an ISO day, or NaN when `iso` is not a real yyyy-mm-dd date. */
export function dayStart(iso: string): number {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return Number.NaN;
	const ms = Date.parse(`${iso}T00:00:00Z`);
	// Date.parse rolls 2023-02-30 over to March: a real date prints back as itself.
	return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === iso ? ms : Number.NaN;
}

/** The ISO day `days` calendar days after (or, negative, before) `iso`. */
export function addDays(iso: string, days: number): string {
	return new Date(dayStart(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A real ISO day (yyyy-mm-dd); errors name `field`. */
export function isoDaySchema(field: string) {
	return z
		.string({ error: `${field} must be a date (yyyy-mm-dd)` })
		.max(10, { error: `${field} must be a date (yyyy-mm-dd)` })
		.refine((s) => Number.isFinite(dayStart(s)), {
			error: `${field} must be a real date written yyyy-mm-dd`
		});
}

export const walkForwardSchema = z.object({
	mode: z.enum(['rolling', 'expanding'], { error: 'mode must be rolling or expanding' }),
	/** Rows in the training window (rolling) or the first training window (expanding). */
	trainLength: z.number().int().min(50, { error: 'trainLength must be at least 50 rows' }).max(100_000),
	testLength: z.number().int().min(1, { error: 'testLength must be at least 1 row' }).max(100_000),
	/** Rows the test window advances between folds. */
	step: z.number().int().min(1, { error: 'step must be at least 1 row' }).max(100_000),
	/** Rows left out between the end of training and the start of testing; must be >= the target horizon. */
	embargo: z.number().int().min(0).max(1_000),
	/**
	 * Optional date bounds (ISO yyyy-mm-dd, UTC days). `testFrom`: the first test window starts on the first bar
	 * dated on or after it. `testUntil` (exclusive): no row is used — for training or testing — whose bar or
	 * whose target reaches a bar dated on or after it, so nothing sees that period (a study's holdout). Absent:
	 * the whole dataset, as before (the parsed settings then have no such key, so stored specs are unchanged).
	 */
	testFrom: isoDaySchema('validation.testFrom').optional(),
	testUntil: isoDaySchema('validation.testUntil').optional()
});

export type WalkForwardSettings = z.infer<typeof walkForwardSchema>;

export interface Fold {
	readonly index: number;
	/** Row range [trainStart, trainEnd) of the training rows. */
	readonly trainStart: number;
	readonly trainEnd: number;
	/** Row range [testStart, testEnd) of the test rows. */
	readonly testStart: number;
	readonly testEnd: number;
}

export interface RowRange {
	/** First usable row (features complete). */
	readonly start: number;
	/** One past the last usable row (its target known). */
	readonly end: number;
}

/**
 * The folds of a walk-forward split over usable rows [range.start, range.end). Only full test windows are
 * produced; rows after the last full window are left unused.
 */
export function walkForwardFolds(range: RowRange, settings: WalkForwardSettings, firstTestRow = 0): Fold[] {
	const { trainLength, testLength, step, embargo, mode } = settings;
	const folds: Fold[] = [];
	// Without a lower bound the first window starts as early as its training allows; with one (testFrom), the
	// first window starts at that row, so the grid of windows is anchored there.
	let testStart = Math.max(range.start + trainLength + embargo, firstTestRow);
	while (testStart + testLength <= range.end) {
		if (folds.length >= MAX_FOLDS) {
			throw new RangeError(`the split would make more than ${MAX_FOLDS} folds; use a larger step`);
		}
		const trainEnd = testStart - embargo;
		const trainStart = mode === 'expanding' ? range.start : trainEnd - trainLength;
		folds.push({ index: folds.length, trainStart, trainEnd, testStart, testEnd: testStart + testLength });
		testStart += step;
	}
	return folds;
}

/**
 * For each row covered by some test window, the fold whose prediction represents that row out of sample: the
 * latest fold covering it (trained on the most recent data). Used to stitch folds into one series when test
 * windows overlap (step < testLength).
 */
export function stitchOwner(folds: readonly Fold[]): Map<number, number> {
	const owner = new Map<number, number>();
	for (const f of folds) for (let r = f.testStart; r < f.testEnd; r++) owner.set(r, f.index);
	return owner;
}

/**
 * Rows with every feature and a known target: [first complete feature row, rows − horizon). `warmup` is the
 * trial's feature set's first complete row (domain/feature-spec.ts featureWarmup); daily_v1's by default.
 */
export function usableRange(rows: number, horizon: number, warmup: number = FEATURE_WARMUP_ROWS): RowRange {
	return { start: warmup, end: Math.max(warmup, rows - horizon) };
}

/** Index of the first row of ascending `t` at or after `time` (t.length when none is). */
function firstAtOrAfter(t: Float64Array, time: number): number {
	let lo = 0;
	let hi = t.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (t[mid] < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Where a split's date bounds fall on bars with times `t` (epoch ms, ascending). */
export interface DatedRange {
	/** The usable rows, cut before `testUntil` so that no row's target reaches a bar on or after it. */
	readonly range: RowRange;
	/** The first row a test window may start at (0 without `testFrom`). */
	readonly firstTestRow: number;
}

export function datedRange(
	t: Float64Array,
	horizon: number,
	settings: Pick<WalkForwardSettings, 'testFrom' | 'testUntil'>,
	warmup: number = FEATURE_WARMUP_ROWS
): DatedRange {
	const full = usableRange(t.length, horizon, warmup);
	let end = full.end;
	if (settings.testUntil !== undefined) {
		// Row r's target is close[r + horizon]: it stays before the cut when r + horizon < the first cut row.
		end = Math.max(full.start, Math.min(end, firstAtOrAfter(t, dayStart(settings.testUntil)) - horizon));
	}
	const firstTestRow = settings.testFrom === undefined ? 0 : firstAtOrAfter(t, dayStart(settings.testFrom));
	return { range: { start: full.start, end }, firstTestRow };
}

/** The walk-forward folds on bars with times `t`, within the settings' date bounds (if any). */
export function datedFolds(
	t: Float64Array,
	horizon: number,
	settings: WalkForwardSettings,
	warmup: number = FEATURE_WARMUP_ROWS
): Fold[] {
	const { range, firstTestRow } = datedRange(t, horizon, settings, warmup);
	return walkForwardFolds(range, settings, firstTestRow);
}

/** A fold as dates: the time of the first and last row of its training and test ranges (ends inclusive). */
export interface FoldDates {
	readonly trainStartT: number;
	readonly trainEndT: number;
	readonly testStartT: number;
	readonly testEndT: number;
}

export function foldDates(t: Float64Array, folds: readonly Fold[]): FoldDates[] {
	return folds.map((f) => ({
		trainStartT: t[f.trainStart],
		trainEndT: t[f.trainEnd - 1],
		testStartT: t[f.testStart],
		testEndT: t[f.testEnd - 1]
	}));
}

/** Index of `time` in ascending `t`, or −1 when no row has exactly that time. */
function rowAt(t: Float64Array, time: number): number {
	let lo = 0;
	let hi = t.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (t[mid] === time) return mid;
		if (t[mid] < time) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}

/**
 * The fold with these dates on bars with times `t`; null when a bound's date is not a row of `t` (the data is
 * not the version the dates were taken from).
 */
export function foldFromDates(t: Float64Array, index: number, d: FoldDates): Fold | null {
	const rows = [d.trainStartT, d.trainEndT, d.testStartT, d.testEndT].map((x) => rowAt(t, x));
	if (rows.some((r) => r < 0)) return null;
	return { index, trainStart: rows[0], trainEnd: rows[1] + 1, testStart: rows[2], testEnd: rows[3] + 1 };
}

/** Walk-forward defaults for a dataset: a training year cap of five years of days, a test window of a year. */
export const DEFAULT_MAX_TRAIN_ROWS = 1_260;
export const DEFAULT_MAX_TEST_ROWS = 252;
/** A trial should make at least this many folds: one fold is an anecdote, not a walk-forward result. */
export const MIN_SUGGESTED_FOLDS = 3;
const MIN_TRAIN_ROWS = 50;

/**
 * Walk-forward settings that fit a dataset of `rows` bars for a horizon: training ≈ 60 % of the usable rows
 * (at most 1,260), test and step ≈ 10 % (at most 252), embargo = horizon, shrinking the training window until
 * at least three folds fit. Null when not even one fold of 50 training rows fits.
 */
export function suggestWalkForward(
	rows: number,
	horizon: number,
	mode: WalkForwardSettings['mode'] = 'rolling',
	warmup: number = FEATURE_WARMUP_ROWS
): WalkForwardSettings | null {
	const range = usableRange(rows, horizon, warmup);
	const usable = range.end - range.start;
	const embargo = horizon;
	const test = Math.max(1, Math.min(DEFAULT_MAX_TEST_ROWS, Math.floor(usable * 0.1)));
	let train = Math.min(DEFAULT_MAX_TRAIN_ROWS, Math.floor(usable * 0.6));
	const foldsWith = (t: number): number =>
		t + embargo + test > usable ? 0 : Math.floor((usable - t - embargo - test) / test) + 1;
	while (train > MIN_TRAIN_ROWS && foldsWith(train) < MIN_SUGGESTED_FOLDS) train--;
	train = Math.max(train, MIN_TRAIN_ROWS);
	if (foldsWith(train) === 0) return null;
	return { mode, trainLength: train, testLength: test, step: test, embargo };
}

/** The most training rows that leave room for one fold, or 0 when none do. */
export function maxTrainRows(
	rows: number,
	horizon: number,
	s: Pick<WalkForwardSettings, 'testLength' | 'embargo'>,
	warmup: number = FEATURE_WARMUP_ROWS
): number {
	const range = usableRange(rows, horizon, warmup);
	return Math.max(0, range.end - range.start - s.embargo - s.testLength);
}
