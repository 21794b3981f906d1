/**
 * The fold runner's paths for series models (forecast, volatility) and regime models, with small hand-made
 * implementations whose outputs are known, on the real S&P 500 bars.
 */
import { describe, expect, it } from 'vitest';
import { computeFeatures } from '../domain/features';
import { sliceBars, type Bars } from '../domain/series';
import type { Fold } from '../domain/splits';
import { forwardLogReturn } from '../domain/targets';
import { DEFAULT_VOL_TARGET, volTargetExposure } from '../domain/task-metrics';
import type { TrialSpec } from '../domain/trial-spec';
import { tinySpec } from '../testing/fixtures';
import { sp500Bars } from '../testing/sp500';
import type { LoadedModel } from './registry';
import { forwardRealisedVariance, logReturns, rollingVariance, runFold, seriesOf } from './run-fold';
import { defineForecaster, defineRegime, defineVolatility, JS_FLOAT64, type Implementation } from './seam';

const bars: Bars = sliceBars(sp500Bars(), 0, 900);
const features = computeFeatures(bars);
const fold: Fold = { index: 0, trainStart: 60, trainEnd: 460, testStart: 465, testEnd: 565 };
const H = 5;

const loaded = (implementation: Implementation): LoadedModel => ({ implementation, runtime: JS_FLOAT64 });

function spec(id: string, params: TrialSpec['model']['params'], over: Partial<TrialSpec> = {}): TrialSpec {
	return tinySpec({
		model: { id, params },
		target: { kind: 'forward_return', horizon: H },
		validation: { mode: 'rolling', trainLength: 400, testLength: 100, step: 100, embargo: 5 },
		...over
	});
}

const mean = (v: Float64Array): number => v.reduce((a, b) => a + b, 0) / v.length;

describe('runFold with a forecaster', () => {
	/** Random walk with drift: the last value plus the training window's mean step per step ahead. */
	let seen: { trainLength: number; seriesLength: number; from: number } | null = null;
	const drift = defineForecaster({
		id: 'arima',
		task: 'forecast',
		input: 'log_close',
		costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
		fit: (train) => {
			const step = (train[train.length - 1] - train[0]) / (train.length - 1);
			return {
				forecast: (series, from, h) => {
					seen = { trainLength: train.length, seriesLength: series.length, from };
					const out = new Float64Array((series.length - from) * h);
					for (let t = from; t < series.length; t++)
						for (let k = 0; k < h; k++) out[(t - from) * h + k] = series[t] + step * (k + 1);
					return out;
				},
				info: { step }
			};
		}
	});

	it('turns the forecast of the log price h days ahead into a forward return, and scores it', async () => {
		const out = await runFold(
			spec('arima', { order: [1, 1, 1], seasonal_order: [0, 0, 0, 0] }),
			fold,
			bars,
			loaded(drift),
			{ features }
		);
		const logClose = seriesOf('log_close', bars.close);
		const step =
			(logClose[fold.trainEnd - 1] - logClose[fold.trainStart]) / (fold.trainEnd - fold.trainStart - 1);
		for (const p of out.predicted) expect(p).toBeCloseTo(H * step, 12);
		const fwd = forwardLogReturn(bars.close, H);
		expect([...out.realised]).toEqual([...out.row].map((r) => fwd[r]));
		expect(out.metrics.task).toBe('forecast');
		expect(out.metrics.regression?.n).toBe(out.nTest);
		expect(out.metrics.forecast?.mase).toBeGreaterThan(0);
		expect(out.aux).toBeNull();
		expect(out.nTrain).toBe(fold.trainEnd - fold.trainStart);
		// The model sees the training window only when fitting, and the series only up to the last test row.
		expect(seen).toEqual({
			trainLength: fold.trainEnd - fold.trainStart,
			seriesLength: out.row[out.row.length - 1] + 1 - fold.trainStart,
			from: out.row[0] - fold.trainStart
		});
	});

	it('sums a returns model’s forecasts over the horizon', async () => {
		const meanReturn = defineForecaster({
			id: 'threshold_autoregressive',
			task: 'forecast',
			input: 'log_return',
			costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
			fit: (train) => {
				const m = mean(train);
				return { forecast: (series, from, h) => new Float64Array((series.length - from) * h).fill(m) };
			}
		});
		const out = await runFold(
			spec('threshold_autoregressive', { threshold: 0, delay: 1 }),
			fold,
			bars,
			loaded(meanReturn),
			{ features }
		);
		const m = mean(logReturns(bars.close).slice(fold.trainStart, fold.trainEnd));
		for (const p of out.predicted) expect(p).toBeCloseTo(H * m, 14);
	});

	it('refuses a forecast of the wrong length', async () => {
		const short = defineForecaster({
			id: 'arima',
			task: 'forecast',
			input: 'log_close',
			costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
			fit: () => ({ forecast: () => new Float64Array(3) })
		});
		await expect(runFold(spec('arima', {}), fold, bars, loaded(short), { features })).rejects.toThrow(
			/returned 3 forecasts/
		);
	});
});

describe('runFold with a volatility model', () => {
	const constant = defineVolatility({
		id: 'garch',
		task: 'volatility_forecast',
		costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
		fit: (returns) => {
			const v = mean(Float64Array.from(returns, (r) => r * r));
			return {
				forecast: (series, from, h) => new Float64Array((series.length - from) * h).fill(v),
				info: { v }
			};
		}
	});

	it('forecasts the mean daily variance, keeps the rolling baseline beside it, and targets volatility', async () => {
		const out = await runFold(spec('garch', { p: 1, q: 1 }), fold, bars, loaded(constant), { features });
		const r = logReturns(bars.close);
		const v = mean(Float64Array.from(r.slice(fold.trainStart, fold.trainEnd), (x) => x * x));
		for (const p of out.predicted) expect(p).toBeCloseTo(v, 16);
		const realised = forwardRealisedVariance(bars.close, H);
		const baseline = rollingVariance(bars.close);
		expect([...out.realised]).toEqual([...out.row].map((row) => realised[row]));
		expect([...out.aux!]).toEqual([...out.row].map((row) => baseline[row]));
		const vol = out.metrics.volatility!;
		expect(vol.n).toBe(out.nTest);
		expect(vol.exposure).toBeCloseTo(volTargetExposure(v, DEFAULT_VOL_TARGET), 12);
		expect(vol.qlike).toBeGreaterThan(0);
		expect(vol.baselineQlike).toBeGreaterThan(0);
		expect(out.metrics.strategy.periods).toBe(out.nTest);
	});

	it('refuses a negative variance', async () => {
		const negative = defineVolatility({
			id: 'garch',
			task: 'volatility_forecast',
			costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
			fit: () => ({ forecast: (series, from, h) => new Float64Array((series.length - from) * h).fill(-1) })
		});
		await expect(runFold(spec('garch', {}), fold, bars, loaded(negative), { features })).rejects.toThrow(
			/variance of -1/
		);
	});
});

describe('runFold with a regime model', () => {
	/** Two states by the sign of the day's return: 1 after an up day. Causal: each row reads its own return. */
	const bySign = defineRegime({
		id: 'hidden_markov_model',
		task: 'regime',
		input: 'log_return',
		costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
		fit: () => ({
			states: 2,
			assign: (X) => Int32Array.from({ length: X.rows }, (_, i) => (X.data[i] > 0 ? 1 : 0))
		})
	});

	it('numbers states by training volatility, goes long where the training mean return is positive, and scores regimes', async () => {
		const out = await runFold(
			spec('hidden_markov_model', {}, { strategy: { mode: 'long_flat', sizing: 'sign', costBps: 0 } }),
			fold,
			bars,
			loaded(bySign),
			{ features }
		);
		for (const s of out.predicted) expect(s === 0 || s === 1).toBe(true);
		for (const a of out.aux!) expect(a === 0 || a === 1).toBe(true);
		const regime = out.metrics.regime!;
		expect(regime.states).toBe(2);
		expect(regime.perState.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
		for (const row of regime.transitions) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
		expect(out.modelInfo.states).toBe(2);
		// The position in each state follows the state, whichever it is.
		const positionOf = new Map<number, number>();
		out.predicted.forEach((s, i) => {
			if (positionOf.has(s)) expect(out.aux![i]).toBe(positionOf.get(s));
			positionOf.set(s, out.aux![i]);
		});
		expect(out.metrics.signal?.exposure).toBeCloseTo(mean(out.aux!), 12);
	});

	it('clusters feature rows with a features model', async () => {
		const byFirstFeature = defineRegime({
			id: 'kmeans_clustering',
			task: 'clustering',
			input: 'features',
			costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
			fit: () => ({
				states: 2,
				assign: (X) => Int32Array.from({ length: X.rows }, (_, i) => (X.data[i * X.cols] > 0 ? 1 : 0))
			})
		});
		const out = await runFold(spec('kmeans_clustering', {}), fold, bars, loaded(byFirstFeature), {
			features
		});
		expect(out.metrics.task).toBe('clustering');
		expect(out.metrics.regime?.n).toBe(out.nTest);
	});

	it('refuses a state outside 0 … k − 1', async () => {
		const bad = defineRegime({
			id: 'hidden_markov_model',
			task: 'regime',
			input: 'log_return',
			costs: { expectedFitMs: () => 1, minDeadlineMs: 1000 },
			fit: () => ({ states: 2, assign: (X) => new Int32Array(X.rows).fill(2) })
		});
		await expect(
			runFold(spec('hidden_markov_model', {}), fold, bars, loaded(bad), { features })
		).rejects.toThrow(/state 2/);
	});
});
