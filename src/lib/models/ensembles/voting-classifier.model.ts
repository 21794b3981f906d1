/**
 * Catalog entry `voting_classifier`: soft or hard vote of logistic regression, a 5-nearest-neighbours classifier
 * and a depth-5 Gini tree (ensembles/voting.ts), like scikit-learn's VotingClassifier. Hard voting outputs the
 * weighted share of up votes, so the fold runner scores it like any probability (> 0.5 = up).
 */
import { ParamsError, defineLearner } from '../seam';
import { checkVotingParams, fitVoting } from './voting';

/**
 * Logistic (a few Newton steps), the k-NN copy and one sorted tree: linear in rows, plus JIT warm-up on a fresh
 * worker. bench/costs.ts with this model alone (median of 3 first calls, defaults; two runs on a loaded box):
 * 131–145 ms on 1,260 rows and 270–276 ms on 4,000 (expected 123 and 260). Warm, 4,000 rows take ≈ 55 ms.
 */
const FIT_MS = 60;
const MS_PER_1K_ROWS = 50;

export const implementation = defineLearner({
	id: 'voting_classifier',
	task: 'classification',
	costs: { expectedFitMs: (rows) => FIT_MS + (rows / 1000) * MS_PER_1K_ROWS, minDeadlineMs: 60_000 },
	fit: (X, y, params, ctx) => {
		// The schema bounds each weight but not how many there are: a wrong count is still a parameter error,
		// failed at once rather than retried.
		try {
			checkVotingParams(params);
		} catch (e) {
			throw new ParamsError(`voting_classifier.weights: ${(e as Error).message}`);
		}
		const model = fitVoting(X, y, params, ctx);
		return { predict: (Xte) => model.predict(Xte), info: model.info };
	}
});
