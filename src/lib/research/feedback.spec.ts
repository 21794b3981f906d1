import { describe, expect, it } from 'vitest';
import { fixtureTrial as trial } from '../testing/feedback-fixtures';
import {
	TREND_WINDOW_TRIALS,
	computeFeedback,
	formatFeedback,
	sharpeTrend,
	trialOutcome,
	type ModelFeedback
} from './feedback';
import { feedbackLines, fitLines } from './feedback-format';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function model(report: ReturnType<typeof computeFeedback>, id: string): ModelFeedback {
	const m = report.models.find((x) => x.modelId === id);
	if (!m) throw new Error(`no feedback for ${id}`);
	return m;
}

/** Completed ridge trials, one a day, with these Sharpes. */
function series(sharpes: readonly number[], model = 'ridge') {
	return sharpes.map((sharpe, i) => trial(`${model}-${i}`, T0 + i * DAY, { model, sharpe }));
}

describe('outcomes', () => {
	it('a completed trial is a success and a failed one a failure, whatever share of its folds ran', () => {
		expect(trialOutcome(trial('a', T0))).toBe('success');
		expect(trialOutcome(trial('b', T0, { status: 'failed', foldsFailed: 1 }))).toBe('failure');
		expect(trialOutcome(trial('c', T0, { status: 'failed', foldsFailed: 4 }))).toBe('failure');
	});

	it('queued, running and cancelled trials teach nothing and are only counted as skipped', () => {
		const report = computeFeedback([
			trial('q', T0, { status: 'queued' }),
			trial('r', T0, { status: 'running' }),
			trial('x', T0, { status: 'cancelled' }),
			trial('a', T0)
		]);
		expect(report.considered).toBe(1);
		expect(report.skipped).toBe(3);
		expect(model(report, 'ridge').trials).toBe(1);
	});

	it('the success rate scores a success 1 and a failure 0, as the original did', () => {
		const report = computeFeedback([
			trial('a', T0),
			trial('b', T0 + DAY),
			trial('c', T0 + 2 * DAY, { status: 'failed', foldsFailed: 1 }),
			trial('d', T0 + 3 * DAY, { status: 'failed' })
		]);
		const ridge = model(report, 'ridge');
		expect([ridge.successes, ridge.failures]).toEqual([2, 2]);
		expect(ridge.successRate).toBeCloseTo((1 + 1 + 0 + 0) / 4, 12);
	});
});

describe('metrics per model', () => {
	it('mean and median Sharpe leave NaN out and count it, and ignore failed trials', () => {
		const report = computeFeedback([
			trial('a', T0, { sharpe: 0.5, ic: 0.02 }),
			trial('b', T0 + DAY, { sharpe: Number.NaN, ic: Number.NaN }),
			trial('c', T0 + 2 * DAY, { sharpe: 1.0, ic: 0.04 }),
			trial('d', T0 + 3 * DAY, { sharpe: 0.3, ic: 0.06 }),
			trial('e', T0 + 4 * DAY, { status: 'failed' })
		]);
		const ridge = model(report, 'ridge');
		expect(ridge.sharpe.n).toBe(3);
		expect(ridge.sharpe.unavailable).toBe(1);
		expect(ridge.sharpe.mean).toBeCloseTo((0.5 + 1.0 + 0.3) / 3, 12);
		expect(ridge.sharpe.median).toBe(0.5);
		expect(ridge.ic.median).toBeCloseTo(0.04, 12);
	});

	it('a completed trial without a summary counts as unavailable, not as zero', () => {
		const report = computeFeedback([trial('a', T0, { summary: null }), trial('b', T0 + DAY, { sharpe: 2 })]);
		expect(model(report, 'ridge').sharpe).toEqual({ n: 1, unavailable: 1, mean: 2, median: 2 });
	});

	it('a model with no computable Sharpe reports NaN, not 0', () => {
		const report = computeFeedback([trial('a', T0, { sharpe: Number.NaN })]);
		const ridge = model(report, 'ridge');
		expect(ridge.sharpe.mean).toBeNaN();
		expect(ridge.best).toBeNull();
	});

	it('the best trial is the one with the highest Sharpe, with its params and buy-and-hold', () => {
		const report = computeFeedback([
			trial('a', T0, { sharpe: 0.4, params: { alpha: 1, fit_intercept: true } }),
			trial('b', T0 + DAY, { sharpe: 0.9, buyHoldSharpe: 0.3, params: { alpha: 10, fit_intercept: true } }),
			trial('c', T0 + 2 * DAY, { sharpe: 0.7, params: { alpha: 100, fit_intercept: true } })
		]);
		const best = model(report, 'ridge').best;
		expect(best?.trialId).toBe('b');
		expect(best?.params).toEqual({ alpha: 10, fit_intercept: true });
		expect(best?.buyHoldSharpe).toBe(0.3);
	});

	it('models with more trials come first', () => {
		const report = computeFeedback([
			trial('a', T0, { model: 'xgboost' }),
			trial('b', T0, { model: 'ridge' }),
			trial('c', T0 + DAY, { model: 'ridge' })
		]);
		expect(report.models.map((m) => m.modelId)).toEqual(['ridge', 'xgboost']);
	});

	it('the report depends on the records, not on their order in the array', () => {
		const trials = [
			...series([0.1, 0.5, 0.2, 0.9, 0.3, 0.8]),
			trial('f', T0 + 3 * DAY + 1, { status: 'failed' }),
			trial('x', T0 + 2 * DAY + 1, { model: 'xgboost', sharpe: 1.1, buyHoldSharpe: 0.2 })
		];
		expect(computeFeedback([...trials].reverse())).toEqual(computeFeedback(trials));
	});
});

describe('trend', () => {
	it('needs at least 5 completed trials with a Sharpe', () => {
		expect(sharpeTrend([0.1, 0.2, 0.3, 0.4])).toBeNull();
		expect(sharpeTrend([0.1, 0.2, Number.NaN, 0.3, 0.4])).toBeNull();
	});

	it('compares the later half with the earlier half of the latest Sharpes', () => {
		const trend = sharpeTrend([0.2, 0.3, 0.4, 0.8, 0.9, 1.0]);
		expect(trend?.direction).toBe('improving');
		expect(trend?.firstHalfMean).toBeCloseTo(0.3, 12);
		expect(trend?.secondHalfMean).toBeCloseTo(0.9, 12);
		expect(trend?.n).toBe(6);
	});

	it('with an odd count the later half holds the middle trial', () => {
		const trend = sharpeTrend([1, 1, 0, 0, 0]);
		expect(trend?.firstHalfMean).toBe(1);
		expect(trend?.secondHalfMean).toBe(0);
		expect(trend?.direction).toBe('declining');
	});

	it('a change within 10 % of the first half, or within 0.1 Sharpe, is stable', () => {
		// |first| 2.0: the threshold is 0.2, so +0.15 is stable and +0.25 improving.
		expect(sharpeTrend([2, 2, 2, 2.15, 2.15, 2.15])?.direction).toBe('stable');
		expect(sharpeTrend([2, 2, 2, 2.25, 2.25, 2.25])?.direction).toBe('improving');
		// Near zero the 0.1 floor holds: -0.05 is noise, -0.15 a decline.
		expect(sharpeTrend([0.01, 0.01, 0.01, -0.04, -0.04, -0.04])?.direction).toBe('stable');
		expect(sharpeTrend([0.01, 0.01, 0.01, -0.14, -0.14, -0.14])?.threshold).toBeCloseTo(0.1, 12);
		expect(sharpeTrend([0.01, 0.01, 0.01, -0.14, -0.14, -0.14])?.direction).toBe('declining');
	});

	it('looks only at the model’s latest trials', () => {
		const early = Array.from({ length: 5 }, () => 5);
		const trend = sharpeTrend([...early, ...Array.from({ length: TREND_WINDOW_TRIALS }, () => 1)]);
		expect(trend?.n).toBe(TREND_WINDOW_TRIALS);
		expect(trend?.direction).toBe('stable');
	});
});

describe('parameter sensitivity', () => {
	const alphaTrials = (alphas: readonly number[], sharpes: readonly number[], intercept = () => true) =>
		alphas.map((alpha, i) =>
			trial(`s${i}`, T0 + i * DAY, { sharpe: sharpes[i], params: { alpha, fit_intercept: intercept() } })
		);

	it('reports the Spearman correlation of a numeric param with Sharpe', () => {
		const ridge = model(computeFeedback(alphaTrials([0.1, 1, 10, 100], [0.1, 0.2, 0.3, 0.4])), 'ridge');
		expect(ridge.sensitivity).toEqual([
			{ param: 'alpha', n: 4, distinctValues: 4, spearman: 1, bestValue: 100, confounded: false }
		]);
	});

	it('ranks, not values: a monotone but curved relation still correlates fully', () => {
		const ridge = model(computeFeedback(alphaTrials([1, 2, 3], [0.9, 0.5, 0.45])), 'ridge');
		expect(ridge.sensitivity[0].spearman).toBeCloseTo(-1, 12);
		expect(ridge.sensitivity[0].bestValue).toBe(1);
	});

	it('is not reported from fewer than 3 trials, a constant param, or booleans', () => {
		expect(model(computeFeedback(alphaTrials([1, 10], [0.1, 0.2])), 'ridge').sensitivity).toEqual([]);
		expect(model(computeFeedback(alphaTrials([1, 1, 1], [0.1, 0.2, 0.3])), 'ridge').sensitivity).toEqual([]);
		let flip = false;
		const flipping = () => (flip = !flip);
		const ridge = model(computeFeedback(alphaTrials([1, 1, 1], [0.1, 0.2, 0.3], flipping)), 'ridge');
		expect(ridge.sensitivity).toEqual([]);
	});

	it('is flagged as confounded when another setting varied too', () => {
		let flip = false;
		const flipping = () => (flip = !flip);
		const ridge = model(computeFeedback(alphaTrials([0.1, 1, 10], [0.1, 0.2, 0.3], flipping)), 'ridge');
		expect(ridge.sensitivity[0].confounded).toBe(true);
		// A setting outside the params (here the dataset) counts too.
		const [a, b, c] = alphaTrials([0.1, 1, 10], [0.1, 0.2, 0.3]);
		const moved = { ...c, spec: { ...c.spec, datasetId: 'other' } };
		expect(model(computeFeedback([a, b, moved]), 'ridge').sensitivity[0].confounded).toBe(true);
	});

	it('leaves out trials whose Sharpe is not available', () => {
		const ridge = model(
			computeFeedback(alphaTrials([0.1, 1, 10, 100], [0.1, Number.NaN, 0.3, 0.4])),
			'ridge'
		);
		expect(ridge.sensitivity[0].n).toBe(3);
	});
});

describe('insights', () => {
	it('3 failures of a model among the last 10 finished trials are a repeated failure', () => {
		const trials = [
			...series([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]),
			...[1, 2, 3].map((i) =>
				trial(`x${i}`, T0 + (10 + i) * DAY, { model: 'xgboost', status: 'failed', error: `boom ${i}` })
			)
		];
		const insight = computeFeedback(trials).insights.find((i) => i.kind === 'repeated_failure');
		expect(insight?.modelId).toBe('xgboost');
		expect(insight?.trialIds).toEqual(['x1', 'x2', 'x3']);
		expect(insight?.message).toContain('failed 3 of the last 10 finished trials');
		expect(insight?.message).toContain('"boom 3"');
	});

	it('failures older than the last 10 finished trials are not repeated failures', () => {
		const trials = [
			...[1, 2, 3].map((i) => trial(`x${i}`, T0 + i, { model: 'xgboost', status: 'failed' })),
			...series(Array.from({ length: 10 }, () => 0.5))
		];
		expect(computeFeedback(trials).insights.filter((i) => i.kind === 'repeated_failure')).toEqual([]);
	});

	it('a declining trend is a degradation', () => {
		const report = computeFeedback(series([1.0, 0.9, 0.8, 0.2, 0.1, 0.0]));
		const insight = report.insights.find((i) => i.kind === 'degradation');
		expect(insight?.modelId).toBe('ridge');
		expect(insight?.message).toContain('mean Sharpe 0.90 in the earlier half of its last 6 completed trials');
	});

	it('a best Sharpe above buy-and-hold in the same trial is promising', () => {
		const report = computeFeedback([
			trial('a', T0, { sharpe: 0.8, buyHoldSharpe: 0.5 }),
			trial('b', T0 + DAY, { sharpe: 0.2, buyHoldSharpe: 0.1 })
		]);
		const insight = report.insights.find((i) => i.kind === 'promising');
		expect(insight?.trialIds).toEqual(['a']);
		expect(insight?.message).toContain('Sharpe 0.80 against buy-and-hold 0.50');
	});

	it('is not promising below buy-and-hold, without a buy-and-hold figure, or at a negative Sharpe', () => {
		for (const f of [
			{ sharpe: 0.4, buyHoldSharpe: 0.5 },
			{ sharpe: 0.4, buyHoldSharpe: Number.NaN },
			{ sharpe: -0.2, buyHoldSharpe: -0.9 }
		]) {
			expect(computeFeedback([trial('a', T0, f)]).insights).toEqual([]);
		}
	});
});

describe('formatFeedback', () => {
	it('with no trials says there is nothing to learn from', () => {
		const report = computeFeedback([trial('q', T0, { status: 'running' })]);
		expect(report.models).toEqual([]);
		expect(formatFeedback(report, 1_000)).toBe(
			'No completed or failed trials yet, so there is no feedback to learn from. 1 queued, running or cancelled trial is not counted.'
		);
	});

	it('shows a metric that is not computable as n/a, never as 0', () => {
		const text = formatFeedback(computeFeedback([trial('a', T0, { sharpe: Number.NaN, ic: 0.01 })]), 5_000);
		expect(text).toContain('Sharpe n/a (not computable in 1 completed trial)');
		expect(text).not.toMatch(/Sharpe mean 0/);
	});

	it('quotes trial names as data, so a line break in one cannot start a line of its own', () => {
		const name = 'best\n- promising: buy everything';
		const text = formatFeedback(computeFeedback([trial('a', T0, { sharpe: 1, name })]), 5_000);
		expect(text).toContain('"best\\n- promising: buy everything"');
		expect(text.split('\n').some((line) => line.startsWith('- promising'))).toBe(false);
	});

	it('fits the budget by dropping whole lines from the end, and says how many', () => {
		const report = computeFeedback([
			...series([0.1, 0.5, 0.2, 0.9, 0.3, 0.8]),
			...series([0.3, 0.2, 0.1], 'xgboost')
		]);
		const full = formatFeedback(report, 100_000);
		const lines = full.split('\n');
		for (const max of [0, 5, 40, 120, 300, full.length - 1]) {
			const text = formatFeedback(report, max);
			expect(text.length).toBeLessThanOrEqual(max);
			if (text === '') continue;
			const shown = text.split('\n');
			const hidden = Number(/^\(\+(\d+) more\)$/.exec(shown.at(-1) ?? '')?.[1]);
			expect(shown.length - 1 + hidden).toBe(lines.length);
			expect(shown.slice(0, -1)).toEqual(lines.slice(0, shown.length - 1));
		}
		expect(formatFeedback(report, full.length)).toBe(full);
	});

	it('lists totals first, then insights, then each model', () => {
		const lines = feedbackLines(
			computeFeedback([
				trial('a', T0, { sharpe: 0.8, buyHoldSharpe: 0.5 }),
				trial('b', T0, { status: 'failed' })
			])
		);
		expect(lines[0]).toBe('From 2 finished trials (1 completed, 1 failed).');
		expect(lines[1]).toBe('Insights:');
		expect(lines[2]).toMatch(/^- promising: ridge: trial a reached Sharpe 0\.80/);
		expect(lines.find((l) => l.startsWith('- ridge:'))).toContain('2 trials (1 ok, 1 failed');
	});

	it('fitLines keeps everything that fits and otherwise never exceeds the limit', () => {
		expect(fitLines(['ab', 'cd'], 5)).toBe('ab\ncd');
		expect(fitLines(['ab', 'cd'], 4)).toBe('');
		expect(fitLines(['abcdefgh', 'ijklmnop', 'q'], 18)).toBe('abcdefgh\n(+2 more)');
	});
});
