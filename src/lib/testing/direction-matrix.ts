/**
 * Test and bench fixture: a real classification matrix from the bundled S&P 500 file — the 13 causal features of
 * domain/features.ts on complete rows, labelled 1 when the 5-day forward log return is positive, else 0.
 * Node-only (reads the file through sp500.ts); the logistic fixture script and its spec both start from here, so
 * scikit-learn and our solver see the same bytes.
 */
import { computeFeatures } from '../domain/features';
import type { Matrix } from '../domain/matrix';
import { forwardLogReturn } from '../domain/targets';
import { sp500Bars } from './sp500';

/** The anchors' target: up or down over the next 5 trading days. */
export const DIRECTION_HORIZON_DAYS = 5;

export interface DirectionMatrix {
	readonly X: Matrix;
	/** 1 when log(close[t + 5] / close[t]) > 0, else 0 (forwardReturnMatrix: the log return itself). */
	readonly y: Float64Array;
	readonly featureNames: readonly string[];
	/** Bar index of each row, for locating it in time. */
	readonly barIndex: Int32Array;
}

/** Every complete row (features and target finite), in time order. */
export function directionMatrix(): DirectionMatrix {
	return completeRows((r) => (r > 0 ? 1 : 0));
}

/**
 * The same complete rows with the regression target: y is the 5-day forward log return itself (the fixtures of
 * the linear regressors are made from it).
 */
export function forwardReturnMatrix(): DirectionMatrix {
	return completeRows((r) => r);
}

function completeRows(target: (forwardLogReturn: number) => number): DirectionMatrix {
	const bars = sp500Bars();
	const { names, matrix: F } = computeFeatures(bars);
	const r = forwardLogReturn(bars.close, DIRECTION_HORIZON_DAYS);
	const keep: number[] = [];
	for (let t = 0; t < F.rows; t++) {
		let ok = Number.isFinite(r[t]);
		for (let c = 0; ok && c < F.cols; c++) ok = Number.isFinite(F.data[t * F.cols + c]);
		if (ok) keep.push(t);
	}
	const data = new Float64Array(keep.length * F.cols);
	const y = new Float64Array(keep.length);
	keep.forEach((t, i) => {
		data.set(F.data.subarray(t * F.cols, (t + 1) * F.cols), i * F.cols);
		y[i] = target(r[t]);
	});
	return {
		X: { data, rows: keep.length, cols: F.cols },
		y,
		featureNames: names,
		barIndex: Int32Array.from(keep)
	};
}

/** Rows [start, start + count) of a matrix and its labels. */
export function sliceRows(m: DirectionMatrix, start: number, count: number): { X: Matrix; y: Float64Array } {
	const { cols } = m.X;
	const end = Math.min(m.X.rows, start + count);
	return {
		X: { data: m.X.data.slice(start * cols, end * cols), rows: end - start, cols },
		y: m.y.slice(start, end)
	};
}

/**
 * The rows the committed scikit-learn fixtures were made from: fit on the first 1,500 complete rows, predict 500
 * later ones after a 5-row embargo (the horizon), so no test label overlaps a training label.
 */
export const FIXTURE_ROWS = { trainStart: 0, trainRows: 1500, testStart: 1505, testRows: 500 } as const;
