import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../testing/sp500';
import {
	closeOverSma,
	computeFeatures,
	FEATURE_NAMES,
	FEATURE_WARMUP_ROWS,
	logReturnLag,
	rollingVolatility,
	rowIsComplete,
	rsi,
	volumeZScore
} from './features';
import { createRng } from './random';
import type { Bars } from './series';

/** Seed of the causality property test; printed so a failure can be replayed. */
const CAUSALITY_SEED = 20261127;
const CUT_POINTS = 200;

function perturbAfter(bars: Bars, cut: number, rng: ReturnType<typeof createRng>): Bars {
	const copy = {
		t: bars.t,
		open: bars.open.slice(),
		high: bars.high.slice(),
		low: bars.low.slice(),
		close: bars.close.slice(),
		volume: bars.volume.slice()
	};
	for (let i = cut + 1; i < bars.t.length; i++) {
		const f = 0.5 + rng.next();
		copy.open[i] *= f;
		copy.high[i] *= f;
		copy.low[i] *= f;
		copy.close[i] *= 0.5 + rng.next();
		copy.volume[i] *= 0.2 + 2 * rng.next();
	}
	return copy;
}

describe('computeFeatures', () => {
	it('produces the 13 named causal features, one row per bar', () => {
		const bars = sp500Bars();
		const fs = computeFeatures(bars);
		expect(fs.names).toEqual(FEATURE_NAMES);
		expect(fs.matrix.cols).toBe(13);
		expect(fs.matrix.rows).toBe(bars.t.length);
	});

	it('has every feature from the warm-up row on and none complete before it', () => {
		const fs = computeFeatures(sp500Bars());
		expect(rowIsComplete(fs.matrix, FEATURE_WARMUP_ROWS)).toBe(true);
		expect(rowIsComplete(fs.matrix, FEATURE_WARMUP_ROWS - 1)).toBe(false);
		for (let r = FEATURE_WARMUP_ROWS; r < fs.matrix.rows; r++) expect(rowIsComplete(fs.matrix, r)).toBe(true);
	});

	it(`never changes a feature at t when any row after t changes (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const bars = sp500Bars();
		const base = computeFeatures(bars).matrix;
		const rng = createRng(CAUSALITY_SEED);
		for (let k = 0; k < CUT_POINTS; k++) {
			const cut = rng.int(bars.t.length - 1);
			const changed = computeFeatures(perturbAfter(bars, cut, rng)).matrix;
			const upto = (cut + 1) * base.cols;
			for (let i = 0; i < upto; i++) {
				const a = base.data[i];
				const b = changed.data[i];
				if (!(Object.is(a, b) || a === b)) {
					throw new Error(
						`seed ${CAUSALITY_SEED}, cut ${cut}: feature ${FEATURE_NAMES[i % base.cols]} at row ${Math.floor(i / base.cols)} changed`
					);
				}
			}
			// And the perturbation really did change something after the cut (the test is not vacuous).
			if (cut + 1 < bars.t.length) {
				let differs = false;
				for (let i = upto; i < base.data.length && !differs; i++) {
					if (!Object.is(base.data[i], changed.data[i])) differs = true;
				}
				expect(differs).toBe(true);
			}
		}
	});
});

describe('feature formulas', () => {
	const close = new Float64Array([10, 11, 12, 11, 13, 14]);

	it('computes log-return lags', () => {
		const r = logReturnLag(close, 2);
		expect(Number.isNaN(r[1])).toBe(true);
		expect(r[2]).toBeCloseTo(Math.log(12 / 10), 12);
		expect(r[5]).toBeCloseTo(Math.log(14 / 11), 12);
	});

	it('computes close over its simple moving average', () => {
		const r = closeOverSma(close, 3);
		expect(Number.isNaN(r[1])).toBe(true);
		expect(r[2]).toBeCloseTo(12 / ((10 + 11 + 12) / 3), 12);
		expect(r[5]).toBeCloseTo(14 / ((11 + 13 + 14) / 3), 12);
	});

	it('computes rolling volatility as the sample std of one-day log returns', () => {
		const v = rollingVolatility(close, 2);
		const r2 = Math.log(12 / 11);
		const r3 = Math.log(11 / 12);
		const m = (r2 + r3) / 2;
		expect(Number.isNaN(v[1])).toBe(true);
		expect(v[3]).toBeCloseTo(Math.sqrt(((r2 - m) ** 2 + (r3 - m) ** 2) / 1), 12);
	});

	it("computes Wilder's RSI", () => {
		// changes: +1 +1 -1 +2 +1; window 2: seed gain (1+1)/2 = 1, loss 0 → RSI 100 at t=2.
		// t=3: d=-1 → gain (1*1+0)/2 = 0.5, loss (0*1+1)/2 = 0.5 → RSI 50.
		// t=4: d=+2 → gain (0.5+2)/2 = 1.25, loss 0.25 → RS 5 → RSI 100 - 100/6.
		const v = rsi(close, 2);
		expect(v[2]).toBe(100);
		expect(v[3]).toBeCloseTo(50, 12);
		expect(v[4]).toBeCloseTo(100 - 100 / 6, 12);
	});

	it('computes the volume z-score and 0 for a constant window', () => {
		const vol = new Float64Array([5, 5, 5, 8]);
		const z = volumeZScore(vol, 3);
		expect(z[2]).toBe(0);
		const m = (5 + 5 + 8) / 3;
		const sd = Math.sqrt(((5 - m) ** 2 * 2 + (8 - m) ** 2) / 2);
		expect(z[3]).toBeCloseTo((8 - m) / sd, 12);
	});
});
