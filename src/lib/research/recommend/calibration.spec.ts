import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { brierScore, expectedCalibrationError, logLoss, reliabilityBins } from './calibration-metrics';
import { calibrator, fitCalibration } from './calibration';
import { RecommendError } from './errors';
import { fitIsotonic, isotonicProbability } from './isotonic';
import { fitPlatt, plattProbability, sigmoid } from './platt';
import fixture from './calibration.fixture.json';

/** |actual − expected| ≤ tol·max(1, |expected|). */
function close(actual: number, expected: number, tol: number): void {
	expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

function codeOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (e) {
		if (e instanceof RecommendError) return `${e.code}:${e.field}`;
		throw e;
	}
	return undefined;
}

describe('isotonic calibration (scikit-learn 1.2.1 IsotonicRegression(out_of_bounds="clip"))', () => {
	for (const c of fixture.isotonic) {
		it(`${c.name}: the thresholds, clipped predictions and CalibratedClassifierCV probabilities match`, () => {
			const fit = fitIsotonic(c.scores, c.outcomes);
			expect(fit.x).toEqual(c.thresholdsX);
			fit.y.forEach((v, k) => close(v, c.thresholdsY[k], 1e-12));
			c.queries.forEach((q, k) => {
				close(isotonicProbability(fit, q), c.predict[k], 1e-12);
				// CalibratedClassifierCV rounds values within 1e-5 of 1 up to exactly 1.
				close(isotonicProbability(fit, q), c.calibratedProba[k], 1e-5);
			});
		});
	}

	it('gives one threshold, hence a constant, when every score is the same', () => {
		const fit = fitIsotonic([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 1]);
		expect(fit).toEqual({ method: 'isotonic', x: [0.3], y: [0.75], n: [4] });
		expect(isotonicProbability(fit, -5)).toBe(0.75);
		expect(isotonicProbability(fit, 5)).toBe(0.75);
	});

	it('counts the rows pooled into each block, summing to the rows over the kept block ends', () => {
		const fit = fitIsotonic([0, 1, 2, 3, 4, 5], [0, 1, 0, 1, 1, 1]);
		// Hand PAV: 0 | (1, 0) → 0.5 ×2 | (1, 1, 1) → 1 ×3 after merging equal blocks.
		expect(fit.x).toEqual([0, 1, 2, 3, 5]);
		expect(fit.y).toEqual([0, 0.5, 0.5, 1, 1]);
		expect(fit.n).toEqual([1, 2, 2, 3, 3]);
		expect(isotonicProbability(fit, 1.5)).toBe(0.5);
		expect(isotonicProbability(fit, 2.5)).toBe(0.75);
		expect(isotonicProbability(fit, -7)).toBe(0);
		expect(isotonicProbability(fit, 70)).toBe(1);
	});
});

describe('Platt scaling (scikit-learn 1.2.1 calibration._sigmoid_calibration)', () => {
	for (const c of fixture.platt) {
		it(`${c.name}: a = −A and b = −B at the optimum, and the calibrated probabilities agree`, () => {
			const fit = fitPlatt(c.scores, c.outcomes);
			// The tight optimum (scipy trust-exact polished by Newton, gradient < 1e-10) to 1e-9; scikit-learn's BFGS stops at gtol 1e-5,
			// which leaves its A, B within about 1e-7 of that optimum on these sets: 1e-6 covers it.
			close(fit.a, -c.optimumA, 1e-9);
			close(fit.b, -c.optimumB, 1e-9);
			close(fit.a, -c.sklearnA, 1e-6);
			close(fit.b, -c.sklearnB, 1e-6);
			c.queries.forEach((q, k) => close(plattProbability(fit, q), c.calibratedProba[k], 1e-6));
		});
	}

	it('fits constant scores (a singular Hessian but for its ridge) to the mean smoothed target', () => {
		const y = Array.from({ length: 40 }, (_, i) => (i < 30 ? 1 : 0));
		const fit = fitPlatt(new Array(40).fill(0.5), y);
		// 30 targets 31/32 and 10 targets 1/12: the fitted probability is their mean.
		close(plattProbability(fit, 0.5), (30 * (31 / 32) + 10 * (1 / 12)) / 40, 1e-9);
		expect(Number.isFinite(fit.a) && Number.isFinite(fit.b)).toBe(true);
	});

	it('uses Platt’s smoothed targets, so one class alone still gives a finite fit with p below 1', () => {
		const fit = fitPlatt([0.1, 0.4, 0.5, 0.9], [1, 1, 1, 1]);
		// Every target is (4 + 1)/(4 + 2) = 5/6: the optimum is a = 0, b = logit(5/6) = ln 5.
		close(fit.a, 0, 1e-9);
		close(fit.b, Math.log(5), 1e-9);
	});
});

describe('probability scores (scikit-learn 1.2.1 brier_score_loss, log_loss, calibration_curve)', () => {
	for (const c of fixture.metrics) {
		it(`${c.name}: Brier, log loss and every reliability curve match`, () => {
			close(brierScore(c.probabilities, c.outcomes), c.brier, 1e-12);
			close(logLoss(c.probabilities, c.outcomes), c.logLoss, 1e-12);
			for (const curve of c.curves) {
				const r = reliabilityBins(c.probabilities, c.outcomes, curve.bins, curve.strategy as 'uniform');
				expect(r.counts.length).toBe(curve.fractionPositive.length);
				r.fractionPositive.forEach((v, k) => close(v, curve.fractionPositive[k], 1e-12));
				r.meanPredicted.forEach((v, k) => close(v, curve.meanPredicted[k], 1e-12));
				expect(r.counts.reduce((s, n) => s + n, 0)).toBe(c.probabilities.length);
			}
		});
	}

	it('computes Brier, log loss and ECE by hand on four rows', () => {
		const p = [0.1, 0.4, 0.8, 0.95];
		const y = [0, 1, 1, 1];
		close(brierScore(p, y), (0.01 + 0.36 + 0.04 + 0.0025) / 4, 1e-15);
		close(logLoss(p, y), -(Math.log(0.9) + Math.log(0.4) + Math.log(0.8) + Math.log(0.95)) / 4, 1e-15);
		// Uniform halves: [0.1, 0.4] → mean 0.25, fraction 0.5; [0.8, 0.95] → mean 0.875, fraction 1.
		close(expectedCalibrationError(p, y, 2), 0.5 * 0.25 + 0.5 * 0.125, 1e-15);
	});

	it('puts a probability equal to an inner edge in the lower bin, as np.searchsorted does', () => {
		const r = reliabilityBins([0.5, 0.5, 0.7], [0, 1, 1], 2);
		expect(r.counts).toEqual([2, 1]);
	});

	it('refuses probabilities outside [0, 1] and outcomes other than 0 and 1, naming the field', () => {
		expect(codeOf(() => brierScore([1.2], [1]))).toBe('invalid:probabilities');
		expect(codeOf(() => logLoss([0.2], [2]))).toBe('invalid:outcomes');
		expect(codeOf(() => fitPlatt([0.2, Number.NaN], [1, 0]))).toBe('invalid:scores');
		expect(codeOf(() => fitIsotonic([0.2], [1, 0]))).toBe('invalid:outcomes');
	});
});

/** Scores s ~ N(0, 1) and outcomes with P(y = 1 | s) = σ(a s + b): the known answer. */
function synthetic(n: number, a: number, b: number, seed: number) {
	const rng = createRng(seed);
	const s = new Float64Array(n);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		s[i] = rng.normal();
		y[i] = rng.next() < sigmoid(a * s[i] + b) ? 1 : 0;
	}
	return { s, y };
}

describe('calibration on a synthetic set with a known answer (n = 20,000, a = 1.5, b = −0.4, seed 12)', () => {
	const TRUE_A = 1.5;
	const TRUE_B = -0.4;
	const { s, y } = synthetic(20_000, TRUE_A, TRUE_B, 12);

	it('Platt recovers a within 0.07 and b within 0.052 (3 standard errors each), inside 4 of its own', () => {
		const fit = fitPlatt(s, y);
		expect(Math.abs(fit.a - TRUE_A)).toBeLessThanOrEqual(0.07);
		expect(Math.abs(fit.b - TRUE_B)).toBeLessThanOrEqual(0.052);
		expect(Math.abs(fit.a - TRUE_A)).toBeLessThanOrEqual(4 * Math.sqrt(fit.cov[0]));
		expect(Math.abs(fit.b - TRUE_B)).toBeLessThanOrEqual(4 * Math.sqrt(fit.cov[2]));
		// Fisher information at n = 20,000 puts the standard error of a near 0.023 (of b near 0.017).
		expect(Math.sqrt(fit.cov[0])).toBeGreaterThan(0.015);
		expect(Math.sqrt(fit.cov[0])).toBeLessThan(0.03);
	});

	it('isotonic stays within 0.08 of the true curve on s in [−2, 2] and within 0.02 on average (n^(−1/3) rate)', () => {
		const fit = fitIsotonic(s, y);
		let worst = 0;
		let total = 0;
		const grid = 81;
		for (let k = 0; k < grid; k++) {
			const q = -2 + (4 * k) / (grid - 1);
			const err = Math.abs(isotonicProbability(fit, q) - sigmoid(TRUE_A * q + TRUE_B));
			worst = Math.max(worst, err);
			total += err;
		}
		expect(worst).toBeLessThanOrEqual(0.08);
		expect(total / grid).toBeLessThanOrEqual(0.02);
	});

	it('a stored fit (JSON round trip) gives the same probabilities and standard errors', () => {
		for (const method of ['isotonic', 'platt'] as const) {
			const live = calibrator(fitCalibration(method, s, y));
			const stored = calibrator(JSON.parse(JSON.stringify(live.fit)));
			for (const q of [-3, -0.5, 0, 0.7, 4]) {
				expect(stored.probability(q)).toBe(live.probability(q));
				expect(stored.standardError(q)).toBe(live.standardError(q));
			}
		}
	});

	it('the standard error shrinks as the supporting rows grow', () => {
		const small = synthetic(500, TRUE_A, TRUE_B, 3);
		for (const method of ['isotonic', 'platt'] as const) {
			const few = calibrator(fitCalibration(method, small.s, small.y)).standardError(0.3);
			const many = calibrator(fitCalibration(method, s, y)).standardError(0.3);
			expect(many).toBeLessThan(few);
		}
	});
});
