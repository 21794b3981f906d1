/** Catalog entry `momentum_breakout_model`: stop-and-reverse on closes beyond the prior closes' range (rules/breakouts.ts). */
import { defineSignal } from '../seam';
import { momentumBreakoutPositions } from './breakouts';

export const implementation = defineSignal({
	id: 'momentum_breakout_model',
	// Two O(n·lookback) passes over the closes: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => momentumBreakoutPositions(bars.close, p.lookback, p.threshold)
});
