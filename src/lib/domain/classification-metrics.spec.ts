import { describe, expect, it } from 'vitest';
import {
	accuracy,
	balancedAccuracy,
	brierScore,
	calibrationTable,
	classificationMetrics,
	logLoss,
	rocAuc
} from './classification-metrics';
import fixture from './classification-metrics.fixture.json';

const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('classification metrics on hand-computed cases', () => {
	it('accuracy counts p > 0.5 as a predicted 1 (0.5 itself predicts 0)', () => {
		// Predictions [0, 1, 0, 1, 0] against [0, 0, 0, 1, 1]: rows 0, 2 and 3 right.
		expect(accuracy(f([0, 0, 0, 1, 1]), f([0.2, 0.6, 0.3, 0.9, 0.5]))).toBeCloseTo(3 / 5, 15);
	});

	it('balanced accuracy averages the recall of each class', () => {
		// Positives: 1 of 1 found; negatives: 2 of 3 found; (1 + 2/3) / 2 = 5/6.
		expect(balancedAccuracy(f([0, 0, 0, 1]), f([0.2, 0.6, 0.3, 0.9]))).toBeCloseTo(5 / 6, 15);
	});

	it('ROC AUC is the share of positive–negative pairs ranked right', () => {
		// scikit-learn's documented example: 3 of 4 pairs ordered right.
		expect(rocAuc(f([0, 0, 1, 1]), f([0.1, 0.4, 0.35, 0.8]))).toBeCloseTo(0.75, 15);
	});

	it('ROC AUC counts a tied pair as one half', () => {
		// Pairs (pos, neg): (0.5, 0.5) tie = ½, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1 → 3.5 / 4.
		expect(rocAuc(f([0, 1, 0, 1]), f([0.5, 0.5, 0.2, 0.9]))).toBeCloseTo(0.875, 15);
	});

	it('log loss is the mean negative log-likelihood and clips certainty to 1e-15', () => {
		expect(logLoss(f([0, 1]), f([0.2, 0.7]))).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
		expect(logLoss(f([1]), f([0]))).toBeCloseTo(-Math.log(1e-15), 12);
		expect(logLoss(f([0]), f([1]))).toBeCloseTo(-Math.log(1e-15), 1);
		expect(Number.isFinite(logLoss(f([0]), f([1])))).toBe(true);
	});

	it('the Brier score is the mean squared error of the probabilities', () => {
		expect(brierScore(f([0, 1]), f([0.2, 0.7]))).toBeCloseTo((0.04 + 0.09) / 2, 15);
	});

	it('calibration puts a probability on an inner edge in the lower bin and lists empty bins with NaN means', () => {
		// Edges 0, .2, .4, .6, .8, 1: 0.1 → bin 0, 0.4 → bin 1, 0.5 and 0.6 → bin 2, bin 3 empty, 1 → bin 4.
		const rows = calibrationTable(f([0, 1, 1, 0, 1]), f([0.1, 0.5, 0.6, 0.4, 1]), 5);
		expect(rows.map((r) => r.n)).toEqual([1, 1, 2, 0, 1]);
		expect(rows[2].meanPredicted).toBeCloseTo(0.55, 15);
		expect(rows[2].observedRate).toBe(1);
		expect(rows[1].observedRate).toBe(0);
		expect(rows[3].meanPredicted).toBeNaN();
		expect(rows[3].observedRate).toBeNaN();
		expect(rows[0].lo).toBe(0);
		expect(rows[4].hi).toBe(1);
	});

	it('reports NaN, not a number, where a metric needs both classes or any rows', () => {
		const oneClass = classificationMetrics(f([1, 1, 1]), f([0.2, 0.7, 0.9]));
		expect(oneClass.rocAuc).toBeNaN();
		expect(oneClass.balancedAccuracy).toBeNaN();
		expect(oneClass.accuracy).toBeCloseTo(2 / 3, 15);
		expect(oneClass.positiveRate).toBe(1);
		const empty = classificationMetrics(f([]), f([]));
		expect(empty.n).toBe(0);
		for (const v of [empty.accuracy, empty.balancedAccuracy, empty.rocAuc, empty.logLoss, empty.brier])
			expect(v).toBeNaN();
		expect(empty.positiveRate).toBeNaN();
		expect(empty.calibration.every((r) => r.n === 0 && Number.isNaN(r.observedRate))).toBe(true);
	});

	it('refuses labels other than 0/1, probabilities outside [0, 1] and unpaired arrays, naming the row', () => {
		expect(() => accuracy(f([0, 2]), f([0.1, 0.2]))).toThrow(/y\[1\] is 2; labels must be 0 or 1/);
		expect(() => rocAuc(f([0, 1]), f([0.1, 1.5]))).toThrow(/p\[1\] is 1.5/);
		expect(() => logLoss(f([0, 1]), f([Number.NaN, 0.5]))).toThrow(/p\[0\] is NaN/);
		expect(() => brierScore(f([0, 1]), f([0.5]))).toThrow(/y has 2 labels but p has 1/);
		expect(() => calibrationTable(f([0]), f([0.5]), 0)).toThrow(/bins must be a whole number/);
	});
});

describe('classification metrics against scikit-learn 1.2 on real out-of-sample predictions', () => {
	it('uses the 500 test-row probabilities of the logistic fixture', () => {
		expect(fixture.real.y).toHaveLength(500);
		expect(fixture.source.model).toMatch(/l2_C1/);
	});

	it.each([
		['unrounded', fixture.real],
		['rounded to 2 decimals (ties and probabilities on bin edges)', fixture.rounded]
	])('%s: every metric and the calibration table agree to 1e-12', (_name, ref) => {
		const m = classificationMetrics(f(ref.y), f(ref.p));
		expect(m.n).toBe(ref.y.length);
		expect(m.accuracy).toBeCloseTo(ref.accuracy, 12);
		expect(m.balancedAccuracy).toBeCloseTo(ref.balanced_accuracy, 12);
		expect(m.rocAuc).toBeCloseTo(ref.roc_auc, 12);
		expect(m.logLoss).toBeCloseTo(ref.log_loss, 12);
		expect(m.brier).toBeCloseTo(ref.brier, 12);
		expect(m.calibration.map((r) => r.n)).toEqual(ref.calibration_counts);
		const filled = m.calibration.filter((r) => r.n > 0);
		filled.forEach((r, k) => {
			expect(r.observedRate).toBeCloseTo(ref.calibration_observed[k], 12);
			expect(r.meanPredicted).toBeCloseTo(ref.calibration_mean_predicted[k], 12);
		});
		expect(filled).toHaveLength(ref.calibration_observed.length);
	});
});
