import { describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { FIXTURE_ROWS, forwardReturnMatrix, sliceRows } from '../../testing/direction-matrix';
import { FitCancelledError } from '../types';
import { implementation } from './online-learning-updates.model';
import fixture from './online-sgd.fixture.json';
import { fitOnlineSgd, SGD_EPOCHS } from './online-sgd';

const DEFAULTS = { learning_rate: 0.01, l2_regularization: 0 };
const real = forwardReturnMatrix();
const train = sliceRows(real, FIXTURE_ROWS.trainStart, FIXTURE_ROWS.trainRows);
const test = sliceRows(real, FIXTURE_ROWS.testStart, fixture.source.online_rows);
const rel = (ours: number, ref: number) => Math.abs(ours - ref) / Math.abs(ref);

/** One column standardising to z = ±1 (values 0 and 2), so each step is easy to follow by hand. */
const X2 = matrix(Float64Array.of(0, 2), 2, 1);

describe('fitOnlineSgd on hand-checkable data', () => {
	it('takes the SGD steps by hand: p = w·z + b, u = −η(p − y), w += u·z, b += u', () => {
		// Row 1: z = −1, y = 1: p = 0, u = 0.1, w = −0.1, b = 0.1. Row 2: z = 1, y = 3: p = 0, u = 0.3, w = 0.2, b = 0.4.
		const m = fitOnlineSgd(X2, Float64Array.of(1, 3), { ...DEFAULTS, learning_rate: 0.1, epochs: 1 });
		expect(m.standardisedCoefficients[0]).toBeCloseTo(0.2, 15);
		expect(m.intercept).toBeCloseTo(0.4, 15);
		expect([...m.predict(X2)].map((v) => Number(v.toFixed(12)))).toEqual([0.2, 0.6]);
	});

	it('shrinks the weights by 1 − ηα before each step, leaving the intercept alone', () => {
		// Row 1 as above but w is scaled by 0.5 first (still 0): w = −0.1, b = 0.1. Row 2: p = −0.1 + 0.1 = 0,
		// u = 0.3, w = 0.5·(−0.1) + 0.3 = 0.25, b = 0.4.
		const m = fitOnlineSgd(X2, Float64Array.of(1, 3), {
			learning_rate: 0.1,
			l2_regularization: 5,
			epochs: 1
		});
		expect(m.standardisedCoefficients[0]).toBeCloseTo(0.25, 15);
		expect(m.intercept).toBeCloseTo(0.4, 15);
	});

	it('updates on a test row exactly when its target is known: at bar + horizon, not one bar earlier', () => {
		const m = fitOnlineSgd(X2, Float64Array.of(1, 3), { ...DEFAULTS, learning_rate: 0.1, epochs: 1 });
		// Test rows at bars 10, 12, 13 with horizon 3: row 0's target is known from bar 13, so row 1 (bar 12) is
		// predicted by the frozen model and row 2 (bar 13) after one step on row 0.
		const Xt = matrix(Float64Array.of(2, 0, 2), 3, 1);
		const yt = Float64Array.of(5, -1, 7);
		const frozen = m.predict(Xt);
		const online = m.predictOnline(Xt, yt, Float64Array.of(10, 12, 13), 3);
		expect(online[0]).toBe(frozen[0]);
		expect(online[1]).toBe(frozen[1]);
		// Step on row 0 (z = 1, y = 5): p = 0.6, u = 0.44, w = 0.64, b = 0.84; row 2 (z = 1) predicts 1.48.
		expect(online[2]).toBeCloseTo(1.48, 12);
		// One bar earlier the target is not yet known: nothing is learned.
		const early = m.predictOnline(Xt, yt, Float64Array.of(10, 12, 12.999), 3);
		expect(early[2]).toBe(frozen[2]);
		// The fitted model itself stays frozen.
		expect([...m.predict(Xt)]).toEqual([...frozen]);
	});

	it('predicts differently from the frozen model once the first test target is revealed, and never before', () => {
		const m = fitOnlineSgd(train.X, train.y, DEFAULTS);
		const bar = Float64Array.from({ length: test.X.rows }, (_, i) => 1000 + i);
		const online = m.predictOnline(test.X, test.y, bar, 5);
		const frozen = m.predict(test.X);
		for (let i = 0; i < 5; i++) expect(online[i]).toBe(frozen[i]);
		for (let i = 5; i < 15; i++) expect(online[i]).not.toBe(frozen[i]);
	});

	it('changes no earlier prediction when later targets change (causal inside the test window)', () => {
		const m = fitOnlineSgd(train.X, train.y, DEFAULTS);
		const bar = Float64Array.from({ length: test.X.rows }, (_, i) => i);
		const a = m.predictOnline(test.X, test.y, bar, 5);
		const y2 = test.y.slice();
		for (let j = 50; j < y2.length; j++) y2[j] *= -3;
		const b = m.predictOnline(test.X, y2, bar, 5);
		for (let i = 0; i < 55; i++) expect(b[i]).toBe(a[i]);
		expect(b[56]).not.toBe(a[56]);
	});

	it('settles over the passes: the coefficients move less in each pass (sklearn’s path, 1–10 passes)', () => {
		const by = fixture.defaults_coefficients_by_pass;
		const change = (k: number) => Math.hypot(...by[k].map((v, j) => v - by[k - 1][j])) / Math.hypot(...by[k]);
		for (let k = 2; k < by.length; k++) expect(change(k)).toBeLessThan(change(k - 1));
		expect(change(SGD_EPOCHS - 1)).toBeLessThan(0.11);
		const ours = fitOnlineSgd(train.X, train.y, { ...DEFAULTS, epochs: 3 }).standardisedCoefficients;
		by[2].forEach((v, j) => expect(rel(ours[j], v)).toBeLessThan(1e-9));
	});

	it('reports progress after each pass and throws a coded error when cancelled', () => {
		const seen: number[] = [];
		fitOnlineSgd(train.X, train.y, DEFAULTS, { onProgress: (f) => seen.push(f) });
		expect(seen).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
		expect(() => fitOnlineSgd(train.X, train.y, DEFAULTS, { isCancelled: () => true })).toThrow(
			FitCancelledError
		);
	});

	it('refuses bad input with a RangeError naming the field', () => {
		const y = Float64Array.of(1, 3);
		expect(() => fitOnlineSgd(X2, y, { ...DEFAULTS, learning_rate: 0 })).toThrow(/learning_rate must be/);
		expect(() => fitOnlineSgd(X2, y, { ...DEFAULTS, l2_regularization: -1 })).toThrow(
			/l2_regularization must be/
		);
		expect(() => fitOnlineSgd(X2, y, { ...DEFAULTS, epochs: 0 })).toThrow(/epochs must be/);
		expect(() => fitOnlineSgd(X2, y.subarray(1), DEFAULTS)).toThrow(/X has 2 rows but y has 1/);
		expect(() => fitOnlineSgd(matrix(Float64Array.of(0, NaN), 2, 1), y, DEFAULTS)).toThrow(/row 1, column 0/);
		expect(() => fitOnlineSgd(X2, Float64Array.of(1, Infinity), DEFAULTS)).toThrow(
			/y has a non-finite value/
		);
		const m = fitOnlineSgd(X2, y, DEFAULTS);
		expect(() => m.predict(matrix(new Float64Array(2), 1, 2))).toThrow(/fitted on 1 columns, got 2/);
		expect(() => m.predictOnline(X2, y, Float64Array.of(2, 1), 1)).toThrow(/time order/);
		expect(() => m.predictOnline(X2, y, Float64Array.of(1), 1)).toThrow(/bar 1/);
		expect(() => m.predictOnline(X2, y, Float64Array.of(1, 2), -1)).toThrow(/horizon/);
	});
});

describe('fitOnlineSgd against scikit-learn 1.2 SGDRegressor on StandardScaler rows (shuffle off, tol None)', () => {
	it('starts from the same real rows as the fixture', () => {
		expect(train.X.data.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.xtr_sum, 6);
		expect(train.y.reduce((s, v) => s + v, 0)).toBeCloseTo(fixture.source.ytr_sum, 12);
	});

	// Same update order and scaled weight vector as sklearn's _plain_sgd: measured, the coefficients and
	// intercept agree exactly and the predictions within 5e-13.
	it.each(Object.entries(fixture.cases))(
		'%s: coefficients and intercept after 5 passes within 1e-9; frozen and online predictions within 1e-9',
		(_, c) => {
			const m = fitOnlineSgd(train.X, train.y, c);
			expect(c.n_iter).toBe(SGD_EPOCHS);
			c.coefficients.forEach((v, j) => expect(rel(m.standardisedCoefficients[j], v)).toBeLessThan(1e-9));
			expect(rel(m.intercept, c.intercept)).toBeLessThan(1e-9);
			const frozen = m.predict(test.X);
			c.frozen_predictions.forEach((v, i) => expect(rel(frozen[i], v)).toBeLessThan(1e-9));
			const bar = Float64Array.from({ length: test.X.rows }, (_, i) => i);
			const online = m.predictOnline(test.X, test.y, bar, fixture.source.horizon);
			c.online_predictions.forEach((v, i) => expect(rel(online[i], v)).toBeLessThan(1e-9));
		}
	);

	it('is what the catalog entry runs: predictOnline is exposed to the fold runner', async () => {
		const fitted = await implementation.fit(train.X, train.y, DEFAULTS, { rng: createRng(0) });
		const bar = Float64Array.from({ length: test.X.rows }, (_, i) => i);
		const online = fitted.predictOnline!(test.X, test.y, bar, 5);
		fixture.cases.defaults.online_predictions.forEach((v, i) => expect(rel(online[i], v)).toBeLessThan(1e-9));
		expect(fitted.info).toEqual({ epochs: 5, learning_rate: 0.01, l2_regularization: 0 });
	});
});
