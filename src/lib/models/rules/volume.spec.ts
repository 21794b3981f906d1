import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { checkCausal, list, makeBars } from './rules.testing';
import { VPA_WINDOW, volumeSpikePositions, vpaPositions } from './volume';

/** Seed of the causality property test; printed in its name so a failure can be replayed. */
const CAUSALITY_SEED = 20261207;
const CUT_POINTS = 60;
const f = (v: number[]): Float64Array => Float64Array.from(v);

describe('volumeSpikePositions', () => {
	it('takes the sign of the bar’s change on a spike above threshold × the prior mean volume, flat otherwise', () => {
		// window 2, threshold 2. t2: prior mean 100, 250 > 200 → spike, 12 > 11 → +1.
		// t3: prior mean (100 + 250) / 2 = 175, 400 > 350 → spike, 10 < 12 → −1.
		// t4: prior mean 325, 900 > 650 → spike, but 10 = 10 → 0. t5: 0 volume → no spike → 0.
		const pos = volumeSpikePositions(f([10, 11, 12, 10, 10, 12]), f([100, 100, 250, 400, 900, 0]), 2, 2);
		expect(list(pos)).toEqual([NaN, NaN, 1, -1, 0, 0]);
	});

	it('flags nothing when no volume is recorded', () => {
		expect(list(volumeSpikePositions(f([1, 2, 3, 4]), f([0, 0, 0, 0]), 2, 2))).toEqual([NaN, NaN, 0, 0]);
	});
});

describe('vpaPositions', () => {
	// 20 quiet bars: range 2 (99 … 101), volume 1000; then the bars under test.
	const quiet = (n: number) => Array<number>(n);
	const base = {
		close: [...quiet(VPA_WINDOW).fill(100), 100.8, 100.1, 100.5, 101.9, 100.9],
		high: [...quiet(VPA_WINDOW).fill(101), 101, 101, 101, 102, 101],
		low: [...quiet(VPA_WINDOW).fill(99), 100, 100, 100, 99, 100],
		volume: [...quiet(VPA_WINDOW).fill(1000), 2000, 2000, 2000, 2000, 1000]
	};

	it('reads heavy volume on a narrow bar by where it closed', () => {
		// t20: prior mean volume 1000 → 2000 > 1500 heavy; range 1 < 2 narrow; close at (100.8 − 100) / 1 = 0.8
		//      ≥ 0.7 → +1 (accumulation).
		// t21: prior mean volume (19 · 1000 + 2000) / 20 = 1050 → 2000 > 1575; mean range (19 · 2 + 1) / 20 = 1.95 > 1;
		//      close at 0.1 ≤ 1 − 0.7 → −1 (distribution).
		// t22: heavy and narrow but closes mid-bar (0.5) → 0. t23: heavy but range 3 > 1.85 → 0. t24: light → 0.
		const pos = vpaPositions(makeBars(base), 0.7);
		expect(list(pos).slice(VPA_WINDOW - 1)).toEqual([NaN, 1, -1, 0, 0, 0]);
	});

	it('gives no verdict for a close exactly mid-bar at effort_threshold 0.5', () => {
		const pos = vpaPositions(makeBars(base), 0.5);
		expect(list(pos).slice(VPA_WINDOW, VPA_WINDOW + 3)).toEqual([1, -1, 0]);
	});

	it('flags nothing without volume, and nothing on a bar with no range', () => {
		expect(
			list(vpaPositions(makeBars({ ...base, volume: base.volume.map(() => 0) }), 0.7)).slice(VPA_WINDOW)
		).toEqual([0, 0, 0, 0, 0]);
		const flat = { ...base, high: [...base.high], low: [...base.low] };
		flat.high[VPA_WINDOW] = flat.low[VPA_WINDOW] = base.close[VPA_WINDOW];
		expect(vpaPositions(makeBars(flat), 0.7)[VPA_WINDOW]).toBe(0);
	});

	it('refuses an effort_threshold outside [0.5, 1], naming it', () => {
		expect(() => vpaPositions(makeBars(base), 0.4)).toThrow(/effort_threshold must lie in \[0.5, 1\]/);
	});
});

describe('the volume rules on real S&P 500 bars', () => {
	it('flag real spikes both ways (index volume is smooth: at the default 2× only three down days qualify)', () => {
		const bars = sp500Bars();
		const count = (p: Float64Array, v: number) => p.filter((x) => x === v).length;
		const spikes = volumeSpikePositions(bars.close, bars.volume, 20, 2);
		expect([count(spikes, 1), count(spikes, -1)]).toEqual([0, 3]);
		for (const pos of [volumeSpikePositions(bars.close, bars.volume, 20, 1.5), vpaPositions(bars, 0.7)]) {
			expect(pos).toContain(1);
			expect(pos).toContain(-1);
		}
	});

	it(`never change a position at t when bars after t change (seed ${CAUSALITY_SEED}, ${CUT_POINTS} cut points)`, () => {
		const moved = checkCausal(
			sp500Bars(),
			(b) => [volumeSpikePositions(b.close, b.volume, 20, 2), vpaPositions(b, 0.7)],
			CAUSALITY_SEED,
			CUT_POINTS
		);
		expect(moved).toBeGreaterThan(CUT_POINTS / 2);
	});
});
