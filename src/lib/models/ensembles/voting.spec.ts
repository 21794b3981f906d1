import { beforeAll, describe, expect, it } from 'vitest';
import { matrix, type Matrix } from '../../domain/matrix';
import { createRng } from '../../domain/random';
import { directionMatrix } from '../../testing/direction-matrix';
import { FitCancelledError } from '../types';
import { benchSplitRows, type FixtureRows } from './fixture-rows';
import { checkVotingParams, fitVoting, type VotingParams } from './voting';
import { implementation } from './voting-classifier.model';
import fixture from './voting.fixture.json';

/** n rows of 3 features; the label is 1 when a noisy linear score is positive. */
function synthetic(n: number, seed: number): { X: Matrix; y: Float64Array } {
	const rng = createRng(seed);
	const X = new Float64Array(n * 3);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < 3; j++) X[i * 3 + j] = rng.next() * 2 - 1;
		y[i] = X[i * 3] - 0.5 * X[i * 3 + 1] + (rng.next() - 0.5) > 0 ? 1 : 0;
	}
	return { X: matrix(X, n, 3), y };
}

function accuracy(p: Float64Array, y: Float64Array): number {
	let correct = 0;
	p.forEach((v, i) => (correct += (v > 0.5 ? 1 : 0) === y[i] ? 1 : 0));
	return correct / y.length;
}

describe('fitVoting on hand-checkable data', () => {
	const { X, y } = synthetic(120, 4);
	const { X: Xq } = synthetic(40, 5);

	it('soft voting is the weighted mean of the three base probabilities', () => {
		const model = fitVoting(X, y, { voting: 'soft', weights: [2, 1, 0.5] });
		const [a, b, c] = model.baseProbabilities(Xq);
		const p = model.predict(Xq);
		for (let i = 0; i < Xq.rows; i++) expect(p[i]).toBeCloseTo((2 * a[i] + b[i] + 0.5 * c[i]) / 3.5, 14);
		const equal = fitVoting(X, y, { voting: 'soft', weights: [] });
		const q = equal.predict(Xq);
		for (let i = 0; i < Xq.rows; i++) expect(q[i]).toBeCloseTo((a[i] + b[i] + c[i]) / 3, 14);
	});

	it('hard voting outputs the weighted share of up votes, a base model voting up when its probability is > 0.5', () => {
		const model = fitVoting(X, y, { voting: 'hard', weights: [1, 2, 1] });
		const bases = model.baseProbabilities(Xq);
		const p = model.predict(Xq);
		for (let i = 0; i < Xq.rows; i++) {
			const votes = [1, 2, 1].reduce((s, w, m) => s + (bases[m][i] > 0.5 ? w : 0), 0);
			expect(p[i]).toBe(votes / 4);
			expect(p[i] >= 0 && p[i] <= 1).toBe(true);
		}
	});

	it('counts a tied hard vote as down, like scikit-learn’s argmax', () => {
		// Weight 0 on the tree: logistic and k-NN disagree on some rows, giving a share of exactly 0.5.
		const model = fitVoting(X, y, { voting: 'hard', weights: [1, 1, 0] });
		const p = model.predict(X);
		const ties = [...p].filter((v) => v === 0.5).length;
		expect(ties).toBeGreaterThan(0);
		expect(accuracy(p, y)).toBeLessThan(1);
	});

	it('refuses weights that are not empty or exactly three long, or negative, or all zero, naming weights', () => {
		const bad = (weights: number[]): VotingParams => ({ voting: 'soft', weights });
		expect(() => checkVotingParams(bad([1, 2]))).toThrow(
			/weights must be empty \(equal weights\) or hold exactly 3 values, one per base model \(logistic, knn, tree\), got 2/
		);
		expect(() => fitVoting(X, y, bad([1, 1, 1, 1]))).toThrow(/weights must be empty .* got 4/);
		expect(() => checkVotingParams(bad([1, -1, 1]))).toThrow(/weights must be finite and ≥ 0, got -1/);
		expect(() => checkVotingParams(bad([0, 0, 0]))).toThrow(/weights must not all be 0/);
		expect(checkVotingParams(bad([]))).toEqual([1, 1, 1]);
	});

	it('fails the entry with a parameter error naming voting_classifier.weights when the count is wrong', async () => {
		await expect(
			implementation.fit(X, y, { voting: 'hard', weights: [1, 2] }, { rng: createRng(1) })
		).rejects.toMatchObject({
			code: 'invalid_params',
			message: expect.stringMatching(/^voting_classifier\.weights: weights must be empty/)
		});
	});

	it('reports progress after each base model, ending at 1, and stops when cancelled', () => {
		const seen: number[] = [];
		const model = fitVoting(X, y, { voting: 'soft', weights: [] }, { onProgress: (f) => seen.push(f) });
		expect(seen).toEqual([1 / 3, 2 / 3, 1]);
		expect(model.info.voting).toBe('soft');
		expect(() => fitVoting(X, y, { voting: 'soft', weights: [] }, { isCancelled: () => true })).toThrow(
			FitCancelledError
		);
	});
});

/**
 * The tree is the one base model whose output can differ from scikit-learn's: where two features split a node
 * equally well, scikit-learn's choice depends on random_state (the fixture lists the test rows whose tree
 * probability changes over random_state 0–19, in gini_tree.depth5.test_varying). On every other row our
 * probabilities equal scikit-learn's to 1e-9; accuracy (train and test) is within 1 point.
 */
describe('fitVoting against scikit-learn VotingClassifier on the bench matrix (voting.fixture.json)', () => {
	let rows: FixtureRows;
	beforeAll(() => {
		rows = benchSplitRows(directionMatrix());
	});
	const treeVarying = fixture.gini_tree.depth5.test_varying as Record<string, number[]>;

	it('starts from the same rows', () => {
		expect(rows.Xtr.rows).toBe(fixture.source.train_rows);
		expect(rows.Xte.rows).toBe(fixture.source.test_rows);
		expect(rows.ytr.reduce((a, b) => a + b, 0)).toBe(fixture.source.ytr_sum);
	});

	it('has base models that match: logistic and k-NN probabilities to 1e-9, the tree off its tied rows', () => {
		const model = fitVoting(rows.Xtr, rows.ytr, { voting: 'soft', weights: [] });
		const [logistic, knn, tree] = model.baseProbabilities(rows.Xte);
		fixture.base.logistic.test_probabilities_head.forEach((v, i) => expect(logistic[i]).toBeCloseTo(v, 9));
		fixture.base.knn.test_probabilities_head.forEach((v, i) => expect(knn[i]).toBeCloseTo(v, 12));
		fixture.base.tree.test_probabilities_head.forEach((v, i) => {
			if (!(i in treeVarying)) expect(tree[i]).toBeCloseTo(v, 12);
		});
		expect(accuracy(logistic, rows.yte)).toBe(fixture.base.logistic.test_accuracy);
		expect(accuracy(knn, rows.yte)).toBe(fixture.base.knn.test_accuracy);
		expect(Math.abs(accuracy(tree, rows.yte) - fixture.base.tree.test_accuracy)).toBeLessThan(0.01);
	});

	it.each(Object.keys(fixture.cases))(
		'agrees with %s: accuracy within 1 point, probabilities equal off tied rows',
		(name) => {
			const c = fixture.cases[name as keyof typeof fixture.cases];
			const model = fitVoting(rows.Xtr, rows.ytr, {
				voting: c.voting as VotingParams['voting'],
				weights: c.weights
			});
			const pte = model.predict(rows.Xte);
			expect(Math.abs(accuracy(pte, rows.yte) - c.test_accuracy)).toBeLessThan(0.01);
			expect(Math.abs(accuracy(model.predict(rows.Xtr), rows.ytr) - c.train_accuracy)).toBeLessThan(0.01);
			let compared = 0;
			c.test_probabilities.forEach((v, i) => {
				if (i in treeVarying) return;
				expect(pte[i]).toBeCloseTo(v, 9);
				compared++;
			});
			expect(compared).toBeGreaterThan(0.9 * c.test_probabilities.length);
		}
	);
});
