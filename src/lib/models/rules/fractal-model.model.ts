/** Catalog entry `fractal_model`: follow persistent paths, fade rough ones, by a calibrated Sevcik dimension (rules/fractal.ts). */
import { defineSignal } from '../seam';
import { calibrationOffset, FRACTAL_WINDOW, fractalPositions } from './fractal';

export const implementation = defineSignal({
	id: 'fractal_model',
	// The calibration scores `iterations` walks of 50 points (≈ 10 ms at 10,000), then one pass over the closes.
	costs: { expectedFitMs: (_rows, p) => 2 + p.iterations / 1000, minDeadlineMs: 60_000 },
	positions: (bars, p, ctx) =>
		fractalPositions(
			bars.close,
			p.dimension,
			calibrationOffset(FRACTAL_WINDOW, p.iterations, ctx.rng.fork('fractal:calibration'))
		)
});
