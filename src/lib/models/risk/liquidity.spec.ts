import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../../testing/sp500';
import { amihudRatios, amivestRatio, finiteMean, rollingFiniteMean, zeroReturnShare } from './liquidity';
import fixture from './risk.fixture.json';

const f = (v: number[]) => Float64Array.from(v);
const bars = sp500Bars();

describe('liquidity measures', () => {
	it('Amihud and Amivest: hand-computed on three days', () => {
		// Closes 10 → 11 → 9.9 (+10 %, −10 %), volumes −, 1e5, 2e5: dollar volumes 1.1e6 and 1.98e6.
		const close = f([10, 11, 9.9]);
		const volume = f([5e4, 1e5, 2e5]);
		const r = amihudRatios(close, volume);
		expect(r[0]).toBeCloseTo((0.1 / 1.1e6) * 1e6, 14);
		expect(r[1]).toBeCloseTo((0.1 / 1.98e6) * 1e6, 14);
		expect(amivestRatio(close, volume)).toBeCloseTo((1.1e6 + 1.98e6) / 0.2, 6);
		// A day without volume is left out, not divided by zero.
		expect(amihudRatios(f([10, 11]), f([1, 0]))[0]).toBeNaN();
		expect(zeroReturnShare(f([1, 1, 2, 2, 3]))).toBe(0.5);
	});

	it('equal pandas on the real S&P 500 bars (1e-12 relative)', () => {
		const ratios = amihudRatios(bars.close, bars.volume);
		expect(Math.abs(finiteMean(ratios) / fixture.amihud.illiquidity - 1)).toBeLessThan(1e-12);
		const rolling = rollingFiniteMean(ratios, fixture.roll.window);
		// The fixture's rolling array starts at the first return, as ours does.
		for (const [i, v] of Object.entries(fixture.amihud.rolling))
			if (v === null) expect(rolling[Number(i)]).toBeNaN();
			else expect(Math.abs(rolling[Number(i)] / v - 1)).toBeLessThan(1e-10);
		expect(Math.abs(amivestRatio(bars.close, bars.volume) / fixture.amihud.amivest - 1)).toBeLessThan(1e-12);
		expect(zeroReturnShare(bars.close)).toBeCloseTo(fixture.amihud.zero_return_share, 15);
	});
});
