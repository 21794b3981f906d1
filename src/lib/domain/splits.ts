/**
 * Walk-forward validation in time order. Each fold trains on rows before its test window and never on a row
 * whose forward-looking target reaches into the test window: the embargo (>= horizon) leaves a gap of rows
 * between the last training row and the first test row. A shuffled split on time series is a bug (the
 * original system shuffled, leaking the future into training).
 */
import { z } from 'zod';

export const MAX_FOLDS = 500;

export const walkForwardSchema = z.object({
	mode: z.enum(['rolling', 'expanding'], { error: 'mode must be rolling or expanding' }),
	/** Rows in the training window (rolling) or the first training window (expanding). */
	trainLength: z.number().int().min(50, { error: 'trainLength must be at least 50 rows' }).max(100_000),
	testLength: z.number().int().min(1, { error: 'testLength must be at least 1 row' }).max(100_000),
	/** Rows the test window advances between folds. */
	step: z.number().int().min(1, { error: 'step must be at least 1 row' }).max(100_000),
	/** Rows left out between the end of training and the start of testing; must be >= the target horizon. */
	embargo: z.number().int().min(0).max(1_000)
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
export function walkForwardFolds(range: RowRange, settings: WalkForwardSettings): Fold[] {
	const { trainLength, testLength, step, embargo, mode } = settings;
	const folds: Fold[] = [];
	let testStart = range.start + trainLength + embargo;
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
