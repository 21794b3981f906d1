/** Catalog entry `vasicek_model`: Vasicek calibrated to a short-rate series by exact maximum likelihood. */
import { defineAnalysis } from '../seam';
import { shortRateReport } from './short-rate-report';

export const implementation = defineAnalysis({
	id: 'vasicek_model',
	task: 'pricing',
	input: 'series',
	// A closed-form fit, a 9-evaluation-per-entry Hessian and 2000 simulated paths of ≤ 260 steps: ~30 ms.
	costs: { expectedFitMs: (rows) => 30 + rows / 1000, minDeadlineMs: 60_000 },
	evaluate: (data, p, ctx) => shortRateReport('vasicek', data, p, ctx)
});
