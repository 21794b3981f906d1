/** Catalog entry `breakout_detection_model`: stop-and-reverse on closes beyond the prior Donchian channel (rules/breakouts.ts). */
import { defineSignal } from '../seam';
import { channelBreakoutPositions } from './breakouts';

export const implementation = defineSignal({
	id: 'breakout_detection_model',
	// Two O(n·lookback) passes over highs and lows: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => channelBreakoutPositions(bars.close, bars.high, bars.low, p.lookback, p.threshold)
});
