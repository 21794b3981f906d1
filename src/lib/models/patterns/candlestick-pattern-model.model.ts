/** Catalog entry `candlestick_pattern_model`: long or short for a few bars after a classic candlestick pattern
 * (patterns/candlestick.ts has the exact rules). */
import { defineSignal } from '../seam';
import { candlestickPositions } from './candlestick';

export const implementation = defineSignal({
	id: 'candlestick_pattern_model',
	// A few comparisons per bar and pattern: 7 ms for the 5,100 S&P bars with the default patterns.
	costs: { expectedFitMs: () => 10, minDeadlineMs: 60_000 },
	positions: (bars, p) => candlestickPositions(bars, p.pattern_types, p.sensitivity, p.hold_bars)
});
