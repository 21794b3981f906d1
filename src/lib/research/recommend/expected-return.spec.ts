import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../domain/random';
import { RecommendError } from './errors';
import { expectedReturn, fitResidualInterval } from './expected-return';

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof RecommendError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

/**
 * y = 0.5x + e with skewed noise e = Exp(1) − 1 (mean 0), predicted by a biased model ŷ = 0.4x + 0.3, so the
 * residual depends on x and is neither centred nor symmetric: the interval must still cover.
 */
function draw(n: number, rng: Rng) {
	const y = new Float64Array(n);
	const yHat = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const x = rng.normal();
		y[i] = 0.5 * x + (-Math.log(1 - rng.next()) - 1);
		yHat[i] = 0.4 * x + 0.3;
	}
	return { y, yHat };
}

describe('expected return and its split-conformal interval', () => {
	it('takes the ⌊(n+1)·0.1⌋-th and ⌈(n+1)·0.9⌉-th smallest residuals and the mean residual, by hand', () => {
		// Residuals y − ŷ = −2, −1, 0, …, 6 (n = 9): ranks ⌊10·0.1⌋ = 1 and ⌈10·0.9⌉ = 9; mean 2.
		const predicted = [1, 1, 1, 1, 1, 1, 1, 1, 1];
		const actual = [5, 0, 7, -1, 2, 3, 4, 6, 1];
		const fit = fitResidualInterval(actual, predicted);
		expect(fit).toMatchObject({ rows: 9, bias: 2, lowerOffset: -2, upperOffset: 6, nominalCoverage: 0.8 });
		const e = expectedReturn(fit, 0.5);
		expect(e).toMatchObject({ prediction: 0.5, estimate: 2.5, lower: -1.5, upper: 6.5 });
		// Levels 0.25/0.75: ranks ⌊2.5⌋ = 2 and ⌈7.5⌉ = 8 → −1 and 5, coverage (8 − 2)/10.
		const mid = fitResidualInterval(actual, predicted, { lower: 0.25, upper: 0.75 });
		expect(mid).toMatchObject({ lowerOffset: -1, upperOffset: 5 });
		expect(mid.nominalCoverage).toBeCloseTo(0.6, 15);
	});

	it('covers new outcomes 80 % of the time on average over 200 seeded repetitions (±0.01, about 4 SE)', () => {
		// n = 499 calibration rows: ranks 50 and 450, nominal coverage exactly 400/500 = 0.8.
		let covered = 0;
		let total = 0;
		for (let seed = 1; seed <= 200; seed++) {
			const rng = createRng(seed);
			const cal = draw(499, rng);
			const fit = fitResidualInterval(cal.y, cal.yHat);
			expect(fit.nominalCoverage).toBe(0.8);
			const test = draw(200, rng.fork('test'));
			for (let i = 0; i < 200; i++) {
				const e = expectedReturn(fit, test.yHat[i]);
				if (e.lower <= test.y[i] && test.y[i] <= e.upper) covered++;
				total++;
			}
		}
		expect(Math.abs(covered / total - 0.8)).toBeLessThanOrEqual(0.01);
	});

	it('removes the model’s bias: the estimate’s mean error on new rows is near 0 where the raw one is −0.3', () => {
		const rng = createRng(7);
		const cal = draw(4999, rng);
		const fit = fitResidualInterval(cal.y, cal.yHat);
		const test = draw(20_000, rng.fork('test'));
		let raw = 0;
		let corrected = 0;
		for (let i = 0; i < test.y.length; i++) {
			raw += test.y[i] - test.yHat[i];
			corrected += test.y[i] - expectedReturn(fit, test.yHat[i]).estimate;
		}
		// Standard error of a mean residual over 4999 rows ≈ 1.03/√4999 ≈ 0.015; tolerance 0.05.
		expect(Math.abs(raw / test.y.length + 0.3)).toBeLessThanOrEqual(0.05);
		expect(Math.abs(corrected / test.y.length)).toBeLessThanOrEqual(0.05);
		// The skewed noise makes the band asymmetric around the estimate: a longer upper tail.
		const e = expectedReturn(fit, 0);
		expect(e.upper - e.estimate).toBeGreaterThan(e.estimate - e.lower);
	});

	it('refuses too few rows for the levels, bad levels and non-finite values, naming the field', () => {
		const eight = [1, 2, 3, 4, 5, 6, 7, 8];
		expect(codeOf(() => fitResidualInterval(eight, eight))).toBe('too_few:actual');
		expect(() => fitResidualInterval(eight, eight)).toThrow(/need ≥ 9 rows, got 8/);
		expect(codeOf(() => fitResidualInterval(eight, eight, { lower: 0.5, upper: 0.4 }))).toBe('invalid:upper');
		expect(codeOf(() => fitResidualInterval(eight, eight, { lower: 0, upper: 0.4 }))).toBe('invalid:lower');
		expect(codeOf(() => fitResidualInterval(eight, [1]))).toBe('invalid:predicted');
		expect(codeOf(() => fitResidualInterval([Number.NaN], [1]))).toBe('invalid:actual');
		const fit = fitResidualInterval([...eight, 9], [...eight, 9]);
		expect(codeOf(() => expectedReturn(fit, Number.POSITIVE_INFINITY))).toBe('invalid:prediction');
	});
});
