/** Catalog entry `ema_model`: long while the close is above its EMA(span), short below (indicators/price-rules.ts). */
import { defineSignal } from '../seam';
import { emaTrendPositions } from './price-rules';

export const implementation = defineSignal({
	id: 'ema_model',
	// One pass over the closes: microseconds per thousand bars, nothing to fit.
	costs: { expectedFitMs: () => 1, minDeadlineMs: 60_000 },
	positions: (bars, p) => emaTrendPositions(bars.close, p.span)
});
