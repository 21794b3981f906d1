/** Catalog entry `volume_confirmed_breakout_model`: Donchian breaks that count only on heavy volume (rules/breakouts.ts). */
import { defineSignal } from '../seam';
import { volumeConfirmedBreakoutPositions } from './breakouts';

export const implementation = defineSignal({
	id: 'volume_confirmed_breakout_model',
	// Three O(n·lookback) passes: about a millisecond on 5,000 bars.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) =>
		volumeConfirmedBreakoutPositions(bars, p.lookback, p.price_threshold, p.volume_threshold)
});
