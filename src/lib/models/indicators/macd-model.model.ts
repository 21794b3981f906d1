/** Catalog entry `macd_model`: long while MACD is above its signal line, short below (indicators/macd.ts). */
import { defineSignal } from '../seam';
import { macdPositions } from './macd';

export const implementation = defineSignal({
	id: 'macd_model',
	// Three EMA passes over the closes: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => macdPositions(bars.close, p.window_fast, p.window_slow, p.window_sign)
});
