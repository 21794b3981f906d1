/**
 * Nested tuning of learners (walk_forward_optimization): the choice equals a brute-force recomputation written
 * out here step by step, nothing after the outer training window changes it, a clearly better combination wins,
 * and the outer fold is the chosen combination refitted on the whole training window. The series is a small
 * seeded synthetic one (a test input, never shown as market data): mean-reverting daily returns, so ridge
 * regression has something to learn and its penalty matters.
 */
import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../domain/features';
import { takeRows, takeValues } from '../domain/matrix';
import { strategyReturns, TRADING_DAYS_PER_YEAR } from '../domain/metrics';
import { createRng } from '../domain/random';
import { sliceBars, type Bars } from '../domain/series';
import { usableRange, walkForwardFolds, type Fold } from '../domain/splits';
import { forwardLogReturn } from '../domain/targets';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { foldInputs } from './fold-fit';
import { innerFolds } from './inner-folds';
import { nestedChoice, nestedCosts } from './nested-tuning';
import { asLoaded } from '../testing/leaky-models';
import { loadModel } from './registry';
import { nextDayReturns, runFold } from './run-fold';
import { defineLearner } from './seam';

const H = 1;

/** AR(1) daily log returns r_t = φ r_{t−1} + drift + σ ε_t, closes from 100; seeded. */
function syntheticBars(n: number, phi: number, seed: number): Bars {
	const rng = createRng(seed);
	const close = new Float64Array(n);
	let r = 0;
	let c = 100;
	for (let i = 0; i < n; i++) {
		r = phi * r + 0.0003 + 0.01 * rng.normal();
		c *= Math.exp(r);
		close[i] = c;
	}
	const open = Float64Array.from(close, (v, i) => (i === 0 ? v : close[i - 1]));
	return {
		t: Float64Array.from({ length: n }, (_, i) => Date.UTC(2001, 0, 1) + i * 86_400_000),
		open,
		high: Float64Array.from(close, (v, i) => Math.max(v, open[i]) * 1.002),
		low: Float64Array.from(close, (v, i) => Math.min(v, open[i]) * 0.998),
		close,
		volume: Float64Array.from({ length: n }, (_, i) => 1e6 + 1e4 * (i % 7))
	};
}

const bars = syntheticBars(900, -0.3, 7);
const features = computeFeatures(bars);
const validation = { mode: 'rolling', trainLength: 400, testLength: 100, step: 100, embargo: 2 } as const;
const folds: Fold[] = walkForwardFolds(usableRange(bars.t.length, H), validation);
const GRID = [0.0001, 1, 1000];

function ridgeSpec(tuneWindow = { windowSize: 150, stepSize: 40 }, costBps = 5): TrialSpec {
	return tinySpec({
		model: {
			id: 'ridge',
			params: { alpha: 1, fit_intercept: true },
			tune: { alpha: GRID },
			tuneWindow
		},
		target: { kind: 'forward_return', horizon: H },
		validation,
		strategy: { mode: 'long_short', sizing: 'sign', costBps }
	});
}

/** The objective written out again: annualised mean / sample sd of the net returns (20 rows at least). */
function bruteSharpe(positions: number[], returns: number[], costBps: number): number {
	const net = strategyReturns(Float64Array.from(positions), Float64Array.from(returns), costBps).net;
	const n = net.length;
	if (n < 20) return Number.NaN;
	const mean = net.reduce((a, b) => a + b, 0) / n;
	const sd = Math.sqrt(net.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
	return sd > 0 ? (mean / sd) * Math.sqrt(TRADING_DAYS_PER_YEAR) : Number.NaN;
}

/**
 * Brute force, independent of nested-tuning.ts: for each alpha, fit ridge on each inner window's rows directly,
 * predict the inner test rows, trade the sign, stitch, score; the first best alpha wins.
 */
async function bruteForce(spec: TrialSpec, fold: Fold): Promise<{ alpha: number; scores: number[] }> {
	const ridge = (await loadModel('ridge')).implementation;
	if (ridge.kind !== 'learner' || ridge.task !== 'regression')
		throw new Error('ridge is a regression learner');
	const y = forwardLogReturn(bars.close, H);
	const next = nextDayReturns(bars.close);
	const inner = innerFolds(fold, spec.model.tuneWindow!, spec.validation.embargo);
	const scores: number[] = [];
	for (const alpha of GRID) {
		const pos: number[] = [];
		const ret: number[] = [];
		for (const f of inner) {
			const train = Array.from({ length: f.trainEnd - f.trainStart }, (_, i) => f.trainStart + i);
			const test = Array.from({ length: f.testEnd - f.testStart }, (_, i) => f.testStart + i);
			const model = await ridge.fit(
				takeRows(features.matrix, train),
				takeValues(y, train),
				{ alpha, fit_intercept: true },
				{ rng: createRng(0) }
			);
			const predicted = await model.predict(takeRows(features.matrix, test));
			test.forEach((r, i) => {
				pos.push(Math.sign(predicted[i]));
				ret.push(next[r]);
			});
		}
		scores.push(bruteSharpe(pos, ret, spec.strategy.costBps));
	}
	let best = 0;
	scores.forEach((s, i) => {
		if (Number.isFinite(s) && !(scores[best] >= s)) best = i;
	});
	return { alpha: GRID[best], scores };
}

describe('nestedChoice', () => {
	it('chooses on every fold the alpha a brute-force recomputation chooses, with the same inner Sharpe ratios', async () => {
		const loaded = await loadModel('ridge');
		const spec = ridgeSpec();
		expect(folds.length).toBe(4);
		for (const fold of folds) {
			const inputs = foldInputs(spec, fold, bars, loaded, { features });
			const choice = await nestedChoice(spec, fold, bars, loaded, inputs);
			const brute = await bruteForce(spec, fold);
			expect(choice.params.alpha, `fold ${fold.index}`).toBe(brute.alpha);
			// Same arithmetic in another order: equal to 1e-9 (annualised Sharpe ratios of order 1).
			choice.scores.forEach((s, i) => expect(s.innerSharpe).toBeCloseTo(brute.scores[i], 9));
			expect(choice.info).toMatchObject({
				chosen: `alpha=${brute.alpha}`,
				combinations: 3,
				// ⌊(400 − 150 − 2) / 40⌋ = 6 inner folds.
				innerFolds: 6
			});
		}
	});

	it('picks the clearly better penalty: light ridge learns the reversal, alpha = 1000 barely trades it', async () => {
		// φ = −0.6: strong one-day reversal, which the one-day-return feature carries.
		const strong = syntheticBars(900, -0.6, 3);
		const loaded = await loadModel('ridge');
		const spec = tinySpec({
			...ridgeSpec({ windowSize: 150, stepSize: 40 }, 0),
			model: {
				id: 'ridge',
				params: { alpha: 1, fit_intercept: true },
				// The heavy penalty first: on a tie it would win, so winning with the light one is a real choice.
				tune: { alpha: [1000, 0.0001] },
				tuneWindow: { windowSize: 150, stepSize: 40 }
			}
		});
		for (const fold of walkForwardFolds(usableRange(strong.t.length, H), validation)) {
			const out = await runFold(spec, fold, strong, loaded);
			expect(out.modelInfo.chosen, `fold ${fold.index}`).toBe('alpha=0.0001');
			expect(out.modelInfo.innerSharpe as number).toBeGreaterThan(2);
		}
	});

	it('disqualifies a combination whose fit diverges on any inner window, however well it does on the rest', async () => {
		// As ridge: alpha 0.1 trades the one-day reversal (right on this series) but diverges (NaN) on its first
		// inner window; alpha 10 trades momentum (wrong). Scored on its converged windows alone, 0.1 would win.
		let fits = 0;
		const flaky = asLoaded(
			defineLearner({
				id: 'ridge',
				task: 'regression',
				costs: { expectedFitMs: () => 1, minDeadlineMs: 1_000 },
				fit: (_X, _y, params) => {
					const diverge = params.alpha === 0.1 && fits++ === 0;
					const sign = params.alpha === 0.1 ? -1 : 1;
					return {
						predict: (X) =>
							Float64Array.from({ length: X.rows }, (_, i) =>
								diverge ? Number.NaN : sign * X.data[i * X.cols]
							)
					};
				}
			})
		);
		const strong = syntheticBars(900, -0.6, 3);
		const spec = tinySpec({
			...ridgeSpec(),
			model: { ...ridgeSpec().model, tune: { alpha: [0.1, 10] } }
		});
		const fold = walkForwardFolds(usableRange(strong.t.length, H), validation)[0];
		const inputs = foldInputs(spec, fold, strong, flaky, {});
		const choice = await nestedChoice(spec, fold, strong, flaky, inputs);
		expect(choice.scores[0]).toEqual({ choice: 'alpha=0.1', innerSharpe: Number.NaN });
		expect(choice.params.alpha).toBe(10);
		// Without the divergence the reversal wins: the disqualification is what changed the choice.
		fits = 1;
		expect((await nestedChoice(spec, fold, strong, flaky, inputs)).params.alpha).toBe(0.1);
	});

	it('is unchanged when every bar from the outer test window on is removed (nothing there is read)', async () => {
		const loaded = await loadModel('ridge');
		const spec = ridgeSpec({ windowSize: 120, stepSize: 25 });
		for (const fold of folds) {
			const full = await nestedChoice(spec, fold, bars, loaded, foldInputs(spec, fold, bars, loaded, {}));
			const cutBars = sliceBars(bars, 0, fold.testStart);
			const cut = await nestedChoice(
				spec,
				fold,
				cutBars,
				loaded,
				foldInputs(spec, fold, cutBars, loaded, {})
			);
			expect(cut.scores).toEqual(full.scores);
			expect(cut.params).toEqual(full.params);
		}
	});

	it('reports progress up to the final refit and stops when cancelled', async () => {
		const loaded = await loadModel('ridge');
		const spec = ridgeSpec();
		const fold = folds[0];
		const seen: number[] = [];
		await nestedChoice(spec, fold, bars, loaded, foldInputs(spec, fold, bars, loaded, {}), {
			onProgress: (f) => seen.push(f)
		});
		// 3 combinations × 6 inner folds, of 19 fits with the refit.
		expect(seen).toHaveLength(18);
		expect(seen.at(-1)).toBeCloseTo(18 / 19, 12);
		let calls = 0;
		await expect(
			nestedChoice(spec, fold, bars, loaded, foldInputs(spec, fold, bars, loaded, {}), {
				isCancelled: () => ++calls > 3
			})
		).rejects.toThrow(/cancel/i);
	});
});

describe('runFold with nested tuning', () => {
	it('refits the chosen alpha on the whole training window: predictions equal an untuned run with it', async () => {
		const loaded = await loadModel('ridge');
		const spec = ridgeSpec();
		for (const fold of folds) {
			const tuned = await runFold(spec, fold, bars, loaded, { features });
			const alpha = Number(String(tuned.modelInfo.chosen).replace('alpha=', ''));
			const plain = tinySpec({
				...spec,
				model: { id: 'ridge', params: { alpha, fit_intercept: true } }
			});
			const untuned = await runFold(plain, fold, bars, loaded, { features });
			expect(tuned.predicted).toEqual(untuned.predicted);
			expect(tuned.nTrain).toBe(fold.trainEnd - fold.trainStart);
			expect(tuned.modelInfo).toMatchObject({ combinations: 3, innerFolds: 6 });
			expect(typeof tuned.modelInfo.innerSharpe).toBe('number');
		}
	});
});

describe('nestedCosts', () => {
	it('adds every inner fit at its combination’s expected cost to the refit, with the fold deadline rule', () => {
		const impl = {
			// 1 ms per 100 rows, times alpha (to see each combination priced on its own).
			expectedFitMs: (rows: number, params: unknown) => (rows / 100) * (params as { alpha: number }).alpha,
			deadlineMs: () => 1_000
		};
		const plan = {
			params: { alpha: 1, fit_intercept: true },
			tune: { alpha: [1, 2] },
			innerFolds: 10,
			windowSize: 200
		};
		// Refit 1,000 rows at alpha 1 = 10 ms; inner: 10 × (2 + 4) = 60 ms; total 70 ms; deadline 20 × 70.
		expect(nestedCosts(impl, 1_000, { alpha: 1 }, plan)).toEqual({ expectedFitMs: 70, deadlineMs: 1_400 });
		// Never below the model's own deadline for the refit.
		expect(nestedCosts({ ...impl, deadlineMs: () => 5_000 }, 1_000, { alpha: 1 }, plan).deadlineMs).toBe(
			5_000
		);
	});
});
