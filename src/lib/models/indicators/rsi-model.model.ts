/** Catalog entry `rsi_model`: long below RSI 30, short above 70, flat between (indicators/rsi.ts). */
import { defineSignal } from '../seam';
import { rsiPositions } from './rsi';

export const implementation = defineSignal({
	id: 'rsi_model',
	// One pass over the closes: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => rsiPositions(bars.close, p.window)
});
