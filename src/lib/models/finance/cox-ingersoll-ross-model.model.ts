/** Catalog entry `cox_ingersoll_ross_model`: CIR calibrated to a short-rate series by quasi-maximum likelihood. */
import { defineAnalysis } from '../seam';
import { shortRateReport } from './short-rate-report';

export const implementation = defineAnalysis({
	id: 'cox_ingersoll_ross_model',
	task: 'pricing',
	input: 'series',
	// BFGS on three parameters and 2000 paths × ≤ 260 steps × 20 Euler sub-steps: ~150 ms on 200 quarters.
	costs: { expectedFitMs: (rows) => 150 + rows / 100, minDeadlineMs: 60_000 },
	evaluate: (data, p, ctx) => shortRateReport('cir', data, p, ctx)
});
