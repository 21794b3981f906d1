/**
 * Test and bench helper: the rows of the bench matrix (bench/matrix.ts, js-model-anchors.md §1) — every complete
 * row of the real S&P 500 matrix, time-ordered 80/20 with a 5-row embargo (4,035 train, 1,011 test rows) — before
 * its StandardScaler, X rounded to float32. The ensembles' scikit-learn fixtures are made from these bytes:
 * scikit-learn's trees cast X to float32, so rounding first makes that cast lossless and both sides split the
 * same numbers; the other base models standardise internally, as their scikit-learn pipelines do.
 */
import type { Matrix } from '../../domain/matrix';

/** bench/matrix.ts's split: BENCH_TRAIN_FRACTION 0.8, BENCH_EMBARGO_ROWS 5. */
const TRAIN_FRACTION = 0.8;
const EMBARGO_ROWS = 5;

export interface FixtureRows {
	readonly Xtr: Matrix;
	readonly ytr: Float64Array;
	readonly Xte: Matrix;
	readonly yte: Float64Array;
}

/** `m` is testing/direction-matrix.ts's directionMatrix() or returnMatrix() (not imported: product code never
 * imports src/lib/testing). */
export function benchSplitRows(m: { readonly X: Matrix; readonly y: Float64Array }): FixtureRows {
	const { rows: n, cols } = m.X;
	const split = Math.floor(n * TRAIN_FRACTION);
	const trainEnd = split - EMBARGO_ROWS;
	const take = (start: number, end: number): Matrix => ({
		data: Float64Array.from(m.X.data.subarray(start * cols, end * cols), Math.fround),
		rows: end - start,
		cols
	});
	return {
		Xtr: take(0, trainEnd),
		ytr: m.y.slice(0, trainEnd),
		Xte: take(split, n),
		yte: m.y.slice(split, n)
	};
}
