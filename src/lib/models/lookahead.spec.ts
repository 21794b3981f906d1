/**
 * The look-ahead (truncation) check: leaks planted on purpose (testing/leaky-models.ts) are caught at the right
 * fold and date, and real catalog models pass clean, on the real S&P 500 bars (2000–2003, 900 bars, 5 folds of
 * 100 test rows). Comparisons are exact (tolerance 0, the check's default; see lookahead.ts).
 */
import { describe, expect, it } from 'vitest';
import { paramsSchemaFor } from '../catalog/catalog';
import { sliceBars, type Bars } from '../domain/series';
import { usableRange, walkForwardFolds, type Fold } from '../domain/splits';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import {
	asLoaded,
	peekNextCloseSignal,
	peekNextRowLearner,
	peekNextValueForecaster,
	testWindowScalerLearner
} from '../testing/leaky-models';
import { sp500Bars } from '../testing/sp500';
import { checkPositions, DEFAULT_POINTS_PER_FOLD, lookaheadCheck } from './lookahead';
import { loadModel } from './registry';
import { predictFoldRows, runFold } from './run-fold';

const H = 5;
const bars: Bars = sliceBars(sp500Bars(), 0, 900);
const folds: Fold[] = walkForwardFolds(usableRange(bars.t.length, H), {
	mode: 'rolling',
	trainLength: 300,
	testLength: 100,
	step: 100,
	embargo: H
});

function spec(id: string, params: Record<string, unknown> = {}): TrialSpec {
	return tinySpec({
		model: { id, params: { ...paramsSchemaFor(id).parse({}), ...params } as TrialSpec['model']['params'] },
		target: { kind: id === 'logistic_regression' ? 'direction' : 'forward_return', horizon: H },
		validation: { mode: 'rolling', trainLength: 300, testLength: 100, step: 100, embargo: H },
		seed: 11
	});
}

const logReturnAt = (r: number): number => Math.log(bars.close[r] / bars.close[r - 1]);

describe('checkPositions', () => {
	it('picks the first, the last and evenly spaced rows between, rounded to the nearest row', () => {
		expect(checkPositions(100, 5)).toEqual([0, 25, 50, 74, 99]);
		expect(checkPositions(10, 2)).toEqual([0, 9]);
		expect(checkPositions(10, 1)).toEqual([0]);
	});

	it('takes every row when asked for all of them or for more points than rows', () => {
		expect(checkPositions(4, 'all')).toEqual([0, 1, 2, 3]);
		expect(checkPositions(3, 5)).toEqual([0, 1, 2]);
		expect(checkPositions(0, 5)).toEqual([]);
	});

	it('refuses a count that is not a whole number ≥ 1, naming pointsPerFold', () => {
		expect(() => checkPositions(10, 0)).toThrow(/pointsPerFold/);
		expect(() => checkPositions(10, 2.5)).toThrow(RangeError);
	});
});

describe('lookaheadCheck catches planted leaks', () => {
	it('catches a learner that peeks at the next test row, at the first row of the first fold', async () => {
		expect(folds.length).toBe(5);
		const report = await lookaheadCheck(spec('ridge'), folds, bars, asLoaded(peekNextRowLearner));
		const first = folds[0].testStart;
		// Full run: row t gets the first feature (one-day log return) of row t + 1; cut after t: its own.
		expect(report.firstLeak).toEqual({
			fold: 0,
			row: first,
			t: bars.t[first],
			full: logReturnAt(first + 1),
			truncated: logReturnAt(first)
		});
		expect(report.checkedPoints).toBe(folds.length * DEFAULT_POINTS_PER_FOLD);
		for (const f of report.perFold) {
			// Every checked row but the fold's last (which has no next row either way) changes.
			expect(f.points.map((p) => p.equal)).toEqual([false, false, false, false, true]);
		}
	});

	it('catches a learner that scales the test window with its own mean and deviation', async () => {
		const report = await lookaheadCheck(spec('ridge'), folds, bars, asLoaded(testWindowScalerLearner));
		expect(report.firstLeak).toMatchObject({ fold: 0, row: folds[0].testStart, truncated: 0 });
		expect(report.firstLeak!.full).not.toBe(0);
		// At the last row the window is whole in both runs: the same z-score.
		for (const f of report.perFold) expect(f.points.at(-1)!.equal).toBe(true);
	});

	it('catches a signal that trades on the next close, at every row from the day its leak starts', async () => {
		const leakRow = folds[2].testStart + 37;
		const loaded = asLoaded(peekNextCloseSignal(bars.t[leakRow]));
		const report = await lookaheadCheck(spec('rsi_model'), folds, bars, loaded);
		// A signal needs no fit: every test row is checked by default.
		expect(report.checkedPoints).toBe(folds.length * 100);
		expect(report.firstLeak).toEqual({
			fold: 2,
			row: leakRow,
			t: bars.t[leakRow],
			full: Math.sign(bars.close[leakRow + 1] - bars.close[leakRow]),
			truncated: Number.NaN
		});
		const points = report.perFold.flatMap((f) => f.points);
		expect(points.filter((p) => !p.equal).map((p) => p.row)).toEqual(
			points.filter((p) => p.row >= leakRow).map((p) => p.row)
		);
	});

	it('catches a forecaster that reads the next value of the series', async () => {
		const report = await lookaheadCheck(spec('arima'), folds, bars, asLoaded(peekNextValueForecaster), {
			pointsPerFold: 2
		});
		const first = folds[0].testStart;
		expect(report.firstLeak).toEqual({
			fold: 0,
			row: first,
			t: bars.t[first],
			full: Math.log(bars.close[first + 1]) - Math.log(bars.close[first]),
			truncated: 0
		});
	});

	it('lets a difference within the stated tolerance pass', async () => {
		const report = await lookaheadCheck(
			spec('ridge'),
			folds.slice(0, 1),
			bars,
			asLoaded(peekNextRowLearner),
			{
				tolerance: 1
			}
		);
		expect(report.firstLeak).toBeNull();
		const points = report.perFold[0].points;
		expect(points.every((p) => p.equal)).toBe(true);
		// The differences are still there (log returns differ by far less than 1), only tolerated.
		expect(points.some((p) => p.truncated !== p.full)).toBe(true);
	});
});

describe('lookaheadCheck on real catalog models', () => {
	const cases: [string, Record<string, unknown>][] = [
		['ridge', {}],
		['logistic_regression', {}],
		['random_forest', { n_estimators: 10, max_depth: 4 }],
		['online_learning_updates', {}],
		['rsi_model', {}],
		['ema_crossover_model', {}],
		['garch', {}],
		['arima', {}],
		['hidden_markov_model', { n_components: 2 }]
	];

	it.each(cases)(
		'finds no look-ahead in %s: every truncated prediction equals the full one exactly',
		async (id, params) => {
			const loaded = await loadModel(id);
			const report = await lookaheadCheck(spec(id, params), folds, bars, loaded);
			const points = report.perFold.flatMap((f) => f.points);
			const expected = loaded.implementation.kind === 'signal' ? 100 : DEFAULT_POINTS_PER_FOLD;
			expect(report.checkedPoints).toBe(folds.length * expected);
			expect(points.length).toBe(report.checkedPoints);
			for (const p of points) expect(p.truncated).toBe(p.full);
			expect(report.firstLeak).toBeNull();
		}
	);
});

describe('lookaheadCheck as a job', () => {
	it('treats a tuned signal as fitted: it checks DEFAULT_POINTS_PER_FOLD rows a fold, and rsi_model tuned on its training window is clean', async () => {
		const loaded = await loadModel('rsi_model');
		const tuned: TrialSpec = {
			...spec('rsi_model'),
			model: { ...spec('rsi_model').model, tune: { window: [7, 14, 21] } }
		};
		const report = await lookaheadCheck(tuned, folds, bars, loaded);
		expect(report.checkedPoints).toBe(folds.length * DEFAULT_POINTS_PER_FOLD);
		expect(report.firstLeak).toBeNull();
	});

	it('finds no look-ahead in ridge tuned by nested walk-forward (walk_forward_optimization), choosing on every cut', async () => {
		const loaded = await loadModel('ridge');
		const nested: TrialSpec = {
			...spec('ridge'),
			model: {
				...spec('ridge').model,
				tune: { alpha: [0.01, 1, 100] },
				tuneWindow: { windowSize: 150, stepSize: 40 }
			}
		};
		const report = await lookaheadCheck(nested, folds, bars, loaded);
		expect(report.checkedPoints).toBe(folds.length * DEFAULT_POINTS_PER_FOLD);
		for (const p of report.perFold.flatMap((f) => f.points)) expect(p.truncated).toBe(p.full);
		expect(report.firstLeak).toBeNull();
		// The folds did tune: each records its choice among the three.
		const full = await runFold(nested, folds[0], bars, loaded);
		expect(String(full.modelInfo.chosen)).toMatch(/^alpha=(0\.01|1|100)$/);
	});

	it('still catches a planted leak in a learner tuned by nested walk-forward, at the first test row', async () => {
		const nested: TrialSpec = {
			...spec('ridge'),
			model: {
				...spec('ridge').model,
				tune: { alpha: [0.01, 1] },
				tuneWindow: { windowSize: 150, stepSize: 40 }
			}
		};
		const report = await lookaheadCheck(nested, folds, bars, asLoaded(peekNextRowLearner));
		const first = folds[0].testStart;
		expect(report.firstLeak).toEqual({
			fold: 0,
			row: first,
			t: bars.t[first],
			full: logReturnAt(first + 1),
			truncated: logReturnAt(first)
		});
	});

	it('checks the points it says it checks: first, last and evenly between, by the full run’s rows', async () => {
		const loaded = await loadModel('ridge');
		const report = await lookaheadCheck(spec('ridge'), folds.slice(0, 2), bars, loaded, { pointsPerFold: 3 });
		for (const [k, f] of report.perFold.entries()) {
			const fold = folds[k];
			expect(f.fold).toBe(fold.index);
			expect(f.points.map((p) => p.row)).toEqual([fold.testStart, fold.testStart + 50, fold.testEnd - 1]);
			expect(f.points.map((p) => p.t)).toEqual(f.points.map((p) => bars.t[p.row]));
		}
	});

	it('reports progress in [0, 1] that never goes back and ends at 1', async () => {
		const loaded = await loadModel('ridge');
		const seen: number[] = [];
		await lookaheadCheck(spec('ridge'), folds.slice(0, 2), bars, loaded, { onProgress: (f) => seen.push(f) });
		expect(seen.length).toBe(2 * DEFAULT_POINTS_PER_FOLD + 1);
		seen.forEach((f, i) => {
			expect(f >= 0 && f <= 1).toBe(true);
			if (i > 0) expect(f).toBeGreaterThanOrEqual(seen[i - 1]);
		});
		expect(seen.at(-1)).toBe(1);
	});

	it('stops when cancelled between points, with a coded error', async () => {
		const loaded = await loadModel('ridge');
		let calls = 0;
		let progress = 0;
		await expect(
			lookaheadCheck(spec('ridge'), folds, bars, loaded, {
				isCancelled: () => ++calls > 4,
				onProgress: (f) => (progress = f)
			})
		).rejects.toMatchObject({ code: 'fit_cancelled' });
		expect(progress).toBeLessThan(1);
	});

	it('refuses a negative tolerance and a bad pointsPerFold before running anything', async () => {
		const loaded = await loadModel('ridge');
		await expect(lookaheadCheck(spec('ridge'), folds, bars, loaded, { tolerance: -1 })).rejects.toThrow(
			/tolerance/
		);
		await expect(lookaheadCheck(spec('ridge'), folds, bars, loaded, { pointsPerFold: 0 })).rejects.toThrow(
			/pointsPerFold/
		);
	});
});

describe('predictFoldRows', () => {
	it('predicts what runFold predicts on the same bars', async () => {
		const loaded = await loadModel('random_forest');
		const s = spec('random_forest', { n_estimators: 10, max_depth: 4 });
		const full = await runFold(s, folds[1], bars, loaded);
		const rows = Array.from(full.row);
		expect([...(await predictFoldRows(s, folds[1], bars, loaded, rows))]).toEqual([...full.predicted]);
	});

	it('predicts a test row whose target is not known yet, on bars that end at it', async () => {
		const loaded = await loadModel('ridge');
		const row = folds[0].testStart + 10;
		const cut = sliceBars(bars, 0, row + 1);
		const out = await predictFoldRows(spec('ridge'), folds[0], cut, loaded, [row]);
		expect(out.length).toBe(1);
		expect(Number.isFinite(out[0])).toBe(true);
	});

	it('refuses rows outside the fold’s test window or past the bars, naming rows', async () => {
		const loaded = await loadModel('ridge');
		const f = folds[0];
		await expect(predictFoldRows(spec('ridge'), f, bars, loaded, [f.testStart - 1])).rejects.toThrow(
			/rows\[0\]/
		);
		const cut = sliceBars(bars, 0, f.testStart + 5);
		await expect(predictFoldRows(spec('ridge'), f, cut, loaded, [f.testStart + 5])).rejects.toThrow(
			RangeError
		);
		await expect(
			predictFoldRows(spec('ridge'), f, bars, loaded, [f.testStart + 2, f.testStart + 1])
		).rejects.toThrow(/ascending/);
	});
});
