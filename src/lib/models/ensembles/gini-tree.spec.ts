import { beforeAll, describe, expect, it } from 'vitest';
import { matrix } from '../../domain/matrix';
import { directionMatrix } from '../../testing/direction-matrix';
import { FitCancelledError } from '../types';
import { benchSplitRows, type FixtureRows } from './fixture-rows';
import { fitGiniTree } from './gini-tree';
import fixture from './voting.fixture.json';

const line = matrix(Float64Array.from([1, 2, 3, 4, 5, 6]), 6, 1);
const lineY = Float64Array.from([0, 0, 0, 1, 1, 0]);

describe('fitGiniTree on hand-computable data', () => {
	it('splits where the Gini proxy is best and predicts the share of ones in each leaf', () => {
		// Proxies −n_R·gini_R − n_L·gini_L of the cuts after 1…5 rows: −2.4, −2, −4/3, −2.5, −2.4: the cut at 3.5 wins.
		const tree = fitGiniTree(line, lineY, { max_depth: 1, min_samples_split: 2 });
		expect(tree.info).toEqual({ leaves: 2, depth: 1, nodes: 3 });
		const p = tree.predict(matrix(Float64Array.from([3, 3.6, 10]), 3, 1));
		expect(p[0]).toBe(0);
		expect(p[1]).toBeCloseTo(2 / 3, 15);
		expect(p[2]).toBeCloseTo(2 / 3, 15);
	});

	it('grows until every leaf is pure without a depth limit, and a pure window is one leaf', () => {
		const full = fitGiniTree(line, lineY, { max_depth: null, min_samples_split: 2 });
		expect(Array.from(full.predict(line))).toEqual(Array.from(lineY));
		const pure = fitGiniTree(line, new Float64Array(6).fill(1), { max_depth: null, min_samples_split: 2 });
		expect(pure.info.leaves).toBe(1);
		expect(pure.predict(line)[0]).toBe(1);
	});

	it('credits each split’s Gini decrease to its feature, normalised to sum 1', () => {
		const X = matrix(Float64Array.from([1, 9, 2, 9, 3, 9, 4, 9, 5, 9, 6, 9]), 6, 2);
		const tree = fitGiniTree(X, lineY, { max_depth: 3, min_samples_split: 2 });
		expect(Array.from(tree.importance())).toEqual([1, 0]);
	});

	it('refuses labels other than 0/1 and bad settings, naming the field', () => {
		const bad = Float64Array.from([0, 1, 2, 0, 1, 0]);
		expect(() => fitGiniTree(line, bad, { max_depth: 2, min_samples_split: 2 })).toThrow(
			/y must hold labels 0 or 1, got 2 at row 2/
		);
		expect(() => fitGiniTree(line, lineY, { max_depth: 0, min_samples_split: 2 })).toThrow(/max_depth/);
		expect(() => fitGiniTree(line, lineY, { max_depth: 2, min_samples_split: 1 })).toThrow(
			/min_samples_split/
		);
	});

	it('stops when cancelled', () => {
		const n = 400;
		const X = matrix(
			Float64Array.from({ length: n }, (_, i) => (i * 7919) % 401),
			n,
			1
		);
		const y = Float64Array.from({ length: n }, (_, i) => ((i * 31) % 3 === 0 ? 1 : 0));
		expect(() =>
			fitGiniTree(X, y, { max_depth: null, min_samples_split: 2 }, { isCancelled: () => true })
		).toThrow(FitCancelledError);
	});
});

/**
 * scikit-learn visits features in a random order, so where two features split a node equally well its tree
 * depends on random_state; the fixture refits with random_state 0–19 and lists, for each row whose prediction
 * changes, every value seen. Each of our predictions must equal random_state 0's, or for those rows one of the
 * seeds' values (to 1e-12).
 */
describe('fitGiniTree against scikit-learn DecisionTreeClassifier on the bench matrix (voting.fixture.json)', () => {
	let rows: FixtureRows;
	beforeAll(() => {
		rows = benchSplitRows(directionMatrix());
	});

	const agrees = (ours: number, reference: number, varying: number[] | undefined): boolean =>
		Math.abs(ours - reference) < 1e-12 || (varying ?? []).some((v) => Math.abs(v - ours) < 1e-12);

	it.each(['depth3', 'depth5'] as const)(
		'grows the same %s tree: leaves, depth and every probability',
		(name) => {
			const c = fixture.gini_tree[name];
			const tree = fitGiniTree(rows.Xtr, rows.ytr, { max_depth: c.max_depth, min_samples_split: 2 });
			expect(tree.info.leaves).toBe(c.leaves);
			expect(tree.info.depth).toBe(c.depth);
			const ptr = tree.predict(rows.Xtr);
			const pte = tree.predict(rows.Xte);
			const trainVarying = c.train_varying as Record<string, number[]>;
			const testVarying = c.test_varying as Record<string, number[]>;
			c.train_leaf.forEach((leaf, i) => expect(agrees(ptr[i], c.values[leaf], trainVarying[i])).toBe(true));
			c.test_leaf.forEach((leaf, i) => expect(agrees(pte[i], c.values[leaf], testVarying[i])).toBe(true));
			let correct = 0;
			ptr.forEach((v, i) => (correct += (v > 0.5 ? 1 : 0) === rows.ytr[i] ? 1 : 0));
			expect(correct / ptr.length).toBe(c.train_accuracy);
			if (Object.keys(trainVarying).length === 0) {
				c.importances.forEach((v, j) => expect(tree.importance()[j]).toBeCloseTo(v, 12));
			}
		}
	);

	it('grows an unlimited tree to pure leaves like scikit-learn (leaves within 1 %, same test probabilities)', () => {
		const c = fixture.gini_tree.unlimited;
		const tree = fitGiniTree(rows.Xtr, rows.ytr, { max_depth: null, min_samples_split: 2 });
		expect(Math.abs(tree.info.leaves - c.leaves)).toBeLessThanOrEqual(0.01 * c.leaves);
		const ptr = tree.predict(rows.Xtr);
		ptr.forEach((v, i) => expect(v).toBe(rows.ytr[i]));
		const pte = tree.predict(rows.Xte);
		const varying = c.test_varying as Record<string, number[]>;
		c.test_probabilities_head.forEach((v, i) => expect(agrees(pte[i], v, varying[i])).toBe(true));
	});
});
