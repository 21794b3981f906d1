/**
 * Catalog entry `decision_tree`: one exact CART regression tree (trees/exact-tree.ts), like scikit-learn's
 * DecisionTreeRegressor. Features are not standardised: threshold splits are invariant to rescaling a column.
 */
import { defineLearner } from '../seam';
import { fitExactTree } from './exact-tree';

/**
 * Sorting every column once, then one pass over the node rows per tree level, per 1,000 rows (13 features),
 * measured with tsx on the real S&P matrix: 21 ms on 1,260 rows and 42 ms on 4,000 unlimited (depth 41 and 51);
 * 4 / 16 ms at depth 6; 12 ms on 4,000 at depth 3 (expected/measured 0.7–1.4).
 */
const SORT_MS_PER_1K_ROWS = 3;
const MS_PER_LEVEL_PER_1K_ROWS = 0.25;
/** An unlimited tree on a few thousand distinct rows grows about this deep (41–54 measured). */
const UNLIMITED_LEVELS = 45;

export const implementation = defineLearner({
	id: 'decision_tree',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, p) =>
			1 +
			(rows / 1000) * (SORT_MS_PER_1K_ROWS + MS_PER_LEVEL_PER_1K_ROWS * (p.max_depth ?? UNLIMITED_LEVELS)),
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		const tree = fitExactTree(X, y, params, ctx);
		return {
			predict: (Xte) => tree.predict(Xte),
			importance: () => tree.importance(),
			info: { ...tree.info, standardised: 'no (splits are invariant to feature scale)' }
		};
	}
});
