import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import {
	LUCK_THRESHOLD,
	deflatedSharpe,
	expectedMaxSharpe,
	isDistinguishableFromLuck,
	probabilisticSharpe,
	returnMoments,
	sharpeVarianceOf
} from './dsr';
import { OverfittingError } from './errors';
import { caseReturns, caseTrialSharpes } from './fixture-cases';
import fixture from './overfitting.fixture.json';

const DAYS_PER_YEAR = 250;

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof OverfittingError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

describe('the 2014 paper’s numerical example', () => {
	// Bailey & López de Prado, "The Deflated Sharpe Ratio: Correcting for Selection Bias, Backtest Overfitting and
	// Non-Normality", J. Portfolio Management 40(5), 2014, numerical example: the best of N = 100 trials has an
	// annualised SR of 2.5 over 5 years of daily returns (T = 1250), skewness −3, kurtosis 10, and the trials'
	// annualised Sharpe ratios have variance 1/2. The paper reports E[max SR] ≈ 0.1132 (per day) and DSR ≈ 0.9004.
	// We could not read the paper's own text here; these figures are as transcribed in jameschch/LeanOptimization
	// Optimization.Tests/DeflatedSharpeRatioFitnessTest.cs (expected maximum 0.1132 ± 0.0002, DSR 0.9004 ± 0.0002),
	// and scipy reproduces them exactly (0.113172, 0.900397; overfitting.fixture.json).
	const example = {
		sharpe: 2.5 / Math.sqrt(DAYS_PER_YEAR),
		sharpeVariance: 0.5 / DAYS_PER_YEAR,
		periods: 1250,
		trials: 100,
		skew: -3,
		kurtosis: 10
	};

	it('gives the published E[max SR] ≈ 0.1132 per day and DSR ≈ 0.9004 to four decimals', () => {
		const result = deflatedSharpe(example);
		expect(result.expectedMaxSharpe).toBeCloseTo(0.1132, 4);
		expect(result.dsr).toBeCloseTo(0.9004, 4);
	});

	it('equals scipy’s evaluation of the same formulas to 1e-12', () => {
		const ref = fixture.paperExample;
		const result = deflatedSharpe(example);
		expect(result.expectedMaxSharpe).toBeCloseTo(ref.expectedMaxSharpe, 12);
		expect(result.dsr).toBeCloseTo(ref.dsr, 12);
		expect(result.psr0).toBeCloseTo(ref.psr0, 12);
		expect(result).toMatchObject({ trials: 100, periods: 1250, skew: -3, kurtosis: 10 });
	});

	it('is below the luck threshold: a 2.5 annualised Sharpe chosen among 100 trials is not enough', () => {
		expect(LUCK_THRESHOLD).toBe(0.95);
		expect(isDistinguishableFromLuck(deflatedSharpe(example).dsr)).toBe(false);
		expect(isDistinguishableFromLuck(deflatedSharpe(example).psr0)).toBe(true);
	});
});

describe('from returns', () => {
	it('matches numpy and scipy (sample std, biased skew, non-excess kurtosis, V[SR] with n − 1) to 1e-12', () => {
		const ref = fixture.returnsCase;
		const result = deflatedSharpe({
			returns: caseReturns(ref.periods),
			trialSharpes: caseTrialSharpes(ref.trials)
		});
		for (const k of [
			'sharpe',
			'skew',
			'kurtosis',
			'sharpeVariance',
			'expectedMaxSharpe',
			'psr0',
			'dsr'
		] as const) {
			expect(result[k], k).toBeCloseTo(ref[k], 12);
		}
		expect(result.trials).toBe(ref.trials);
		expect(result.periods).toBe(ref.periods);
	});

	it('gives normal-like moments for seeded Gaussian returns (skew near 0, kurtosis near 3)', () => {
		const rng = createRng(11);
		const returns = Float64Array.from({ length: 20_000 }, () => 0.001 + 0.01 * rng.normal());
		const m = returnMoments(returns);
		expect(Math.abs(m.skew)).toBeLessThan(0.06);
		expect(Math.abs(m.kurtosis - 3)).toBeLessThan(0.12);
		expect(m.sharpe).toBeCloseTo(0.1, 1);
	});
});

describe('edge cases', () => {
	it('one trial is no selection: E[max SR] = 0 and the DSR is the PSR against zero', () => {
		expect(expectedMaxSharpe(1, 0.3)).toBe(0);
		const result = deflatedSharpe({ returns: caseReturns(300), trialSharpes: [0.05] });
		expect(result.expectedMaxSharpe).toBe(0);
		expect(result.sharpeVariance).toBe(0);
		expect(result.dsr).toBe(result.psr0);
	});

	it('counts trials without a Sharpe ratio when given their number, and refuses fewer than the Sharpes given', () => {
		const returns = caseReturns(300);
		const trialSharpes = caseTrialSharpes(10);
		const counted = deflatedSharpe({ returns, trialSharpes, trials: 50 });
		expect(counted.trials).toBe(50);
		expect(counted.expectedMaxSharpe).toBeCloseTo(expectedMaxSharpe(50, sharpeVarianceOf(trialSharpes)), 15);
		expect(counted.dsr).toBeLessThan(deflatedSharpe({ returns, trialSharpes }).dsr);
		expect(codeOf(() => deflatedSharpe({ returns, trialSharpes, trials: 9 }))).toBe('invalid:trials');
	});

	it('trials with identical Sharpe ratios have zero variance, so E[max SR] = 0 whatever their number', () => {
		expect(sharpeVarianceOf([0.1, 0.1, 0.1])).toBeLessThan(1e-30); // round-off of the mean only
		expect(sharpeVarianceOf([0.25, 0.25])).toBe(0);
		expect(expectedMaxSharpe(500, 0)).toBe(0);
	});

	it('more trials raise the bar and lower the DSR', () => {
		const base = { sharpe: 0.1, skew: 0, kurtosis: 3, periods: 1000, sharpeVariance: 0.001 };
		const dsrs = [1, 2, 10, 100, 1000].map((trials) => deflatedSharpe({ ...base, trials }).dsr);
		for (let i = 1; i < dsrs.length; i++) expect(dsrs[i]).toBeLessThan(dsrs[i - 1]);
		expect(expectedMaxSharpe(1000, 1)).toBeGreaterThan(expectedMaxSharpe(100, 1));
	});

	it('negative skew and fat tails lower the PSR of a positive Sharpe', () => {
		const m = { sharpe: 0.08, periods: 500 };
		const normal = probabilisticSharpe({ ...m, skew: 0, kurtosis: 3 });
		expect(probabilisticSharpe({ ...m, skew: -2, kurtosis: 3 })).toBeLessThan(normal);
		expect(probabilisticSharpe({ ...m, skew: 0, kurtosis: 12 })).toBeLessThan(normal);
	});

	it('refuses fewer than 3 returns, constant returns and non-finite values with a coded error', () => {
		expect(codeOf(() => returnMoments([0.01, 0.02]))).toBe('too_few:returns');
		expect(codeOf(() => returnMoments([0.01, 0.01, 0.01, 0.01]))).toBe('zero_variance:returns');
		expect(codeOf(() => returnMoments([0.01, Number.NaN, 0.02]))).toBe('invalid:returns');
		expect(codeOf(() => deflatedSharpe({ returns: [0.01, 0.02, 0.03], trialSharpes: [] }))).toBe(
			'too_few:trialSharpes'
		);
	});

	it('refuses impossible summary statistics with the field named', () => {
		const ok = { sharpe: 0.1, skew: 0, kurtosis: 3, periods: 100, trials: 10, sharpeVariance: 0.01 };
		expect(codeOf(() => deflatedSharpe({ ...ok, trials: 0 }))).toBe('invalid:trials');
		expect(codeOf(() => deflatedSharpe({ ...ok, trials: 2.5 }))).toBe('invalid:trials');
		expect(codeOf(() => deflatedSharpe({ ...ok, sharpeVariance: -1 }))).toBe('invalid:sharpeVariance');
		expect(codeOf(() => deflatedSharpe({ ...ok, periods: 2 }))).toBe('too_few:periods');
		expect(codeOf(() => deflatedSharpe({ ...ok, kurtosis: 0 }))).toBe('invalid:kurtosis');
		expect(codeOf(() => deflatedSharpe({ ...ok, sharpe: Number.NaN }))).toBe('invalid:sharpe');
		// 1 − skew·SR + (kurtosis − 1)/4·SR² < 0 cannot come from data (kurtosis ≥ 1 + skew²).
		expect(codeOf(() => deflatedSharpe({ ...ok, sharpe: 1, skew: 3, kurtosis: 1.5 }))).toBe(
			'invalid:kurtosis'
		);
	});

	it('a DSR of NaN or below 0.95 is never distinguishable from luck; 0.95 and above is', () => {
		expect(isDistinguishableFromLuck(Number.NaN)).toBe(false);
		expect(isDistinguishableFromLuck(0.9499)).toBe(false);
		expect(isDistinguishableFromLuck(0.95)).toBe(true);
		expect(isDistinguishableFromLuck(0.999)).toBe(true);
	});
});
