/**
 * The train/test rows of bench/matrix.ts (js-model-anchors.md §1) taken from a complete-row matrix: the first
 * ⌊0.8·n⌋ − 5 rows train, the rows from ⌊0.8·n⌋ on test (a 5-row embargo = the target horizon). Unscaled: the
 * GBM's splits do not depend on feature scale. Shared by the GBM fixture script and its spec.
 */
import { sliceRows, type DirectionMatrix } from './direction-matrix';

export const GBM_BENCH_TRAIN_FRACTION = 0.8;
export const GBM_BENCH_EMBARGO_ROWS = 5;

export function gbmBenchRows(m: DirectionMatrix) {
	const n = m.X.rows;
	const split = Math.floor(n * GBM_BENCH_TRAIN_FRACTION);
	const trainRows = split - GBM_BENCH_EMBARGO_ROWS;
	return {
		train: sliceRows(m, 0, trainRows),
		test: sliceRows(m, split, n - split),
		rows: { trainStart: 0, trainRows, testStart: split, testRows: n - split }
	};
}
