/** Catalog entry `trend_reversal_model`: trade a persistent turn against the 20-bar trend (rules/trend-reversal.ts). */
import { defineSignal } from '../seam';
import { trendReversalPositions } from './trend-reversal';

export const implementation = defineSignal({
	id: 'trend_reversal_model',
	// One O(n·confirmation_period) pass over the closes: well under a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => trendReversalPositions(bars.close, p.sensitivity, p.confirmation_period)
});
