import { createRng } from '../src/lib/domain/random';
import { fixtureTrial } from '../src/lib/testing/feedback-fixtures';
import { feedbackTrialOf } from '../src/lib/research/feedback-trial';
import { computeFeedback } from '../src/lib/research/feedback';
const N = 10_000, T0 = Date.UTC(2024, 0, 1);
const rng = createRng(11);
const trials = Array.from({ length: N }, (_, i) =>
	fixtureTrial(`t${i}`, T0 + i * 60_000, {
		model: ['ridge', 'lasso', 'random_forest', 'xgboost', 'gradient_boosting'][rng.int(5)],
		status: rng.next() < 0.1 ? 'failed' : 'completed', sharpe: rng.normal(), datasetId: `S${rng.int(10)}`
	})).map(feedbackTrialOf);
for (let k = 0; k < 30; k++) computeFeedback(trials);
