/** Catalog entry `bollinger_breakout_model`: long above the upper Bollinger band, short below the lower
 * (indicators/bollinger.ts). */
import { defineSignal } from '../seam';
import { bollingerBreakoutPositions } from './bollinger';

export const implementation = defineSignal({
	id: 'bollinger_breakout_model',
	// One pass over the closes: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => bollingerBreakoutPositions(bars.close, p.window, p.window_dev)
});
