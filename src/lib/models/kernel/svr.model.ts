/** Catalog entry `svr`: ε-support vector regression by libsvm's SMO on standardised features (svr.ts). */
import { defineLearner } from '../seam';
import { fitSvr } from './svr';

/**
 * Default params (rbf, C = 1, ε = 0.1) on the raw 5-day return: nearly every row sits inside the ε-tube, so the
 * solver stops after a few dozen iterations (35 on 4,035 rows) and the fit is mostly a few dozen kernel rows.
 * `bench/costs.ts` (median of 3, cold first calls included, load average ~10 on the 2-core box): 66 ms on 1,260 rows
 * and 102 ms on 4,000; warm and unloaded about 10 ms at 4,000. Larger C or a scaled target make most rows support
 * vectors and cost grows roughly with rows² (bench/linear-kernel.ts: ~2–6 s on 4,035 rows with y × 50); the
 * deadline is 20× this expectation with a 60 s floor. The other kernels need more iterations even on the raw target
 * (1,260 rows: linear 0.17 s, poly 0.3 s, sigmoid 0.5–0.7 s, where nearly every row becomes a support vector), so
 * they get a rows² term sized on sigmoid.
 */
const FIT_MS = 25;
const MS_PER_1K_ROWS = 12;
const NON_RBF_MS_PER_1K_ROWS_SQUARED = 400;

export const implementation = defineLearner({
	id: 'svr',
	task: 'regression',
	costs: {
		expectedFitMs: (rows, params) =>
			FIT_MS +
			(rows / 1000) * MS_PER_1K_ROWS +
			(params.kernel === 'rbf' ? 0 : (rows / 1000) ** 2 * NON_RBF_MS_PER_1K_ROWS_SQUARED),
		minDeadlineMs: 60_000
	},
	fit: (X, y, params, ctx) => {
		const model = fitSvr(X, y, params, ctx);
		return { predict: (Xte) => model.predict(Xte), info: { ...model.info } };
	}
});
