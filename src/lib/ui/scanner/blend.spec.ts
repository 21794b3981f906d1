import { describe, expect, it } from 'vitest';
import type { ScanRecord } from '$lib/app/scanner-read';
import { symbolBlends } from './blend';

const cell = (
	seriesKey: string,
	horizon: 'short' | 'long',
	probability: number | null
): ScanRecord['cells'][number] => ({
	seriesKey,
	symbol: seriesKey.toUpperCase(),
	horizon,
	promotedId: 'p',
	trialId: null,
	status: probability === null ? 'failed' : 'scored',
	score: null,
	dataDate: null,
	probability,
	reason: null
});

/** A stored scan as the app reads it (app/scanner-read.ts parses it with its schema). */
const scanOf = (over: Partial<ScanRecord>): ScanRecord => ({
	id: 's',
	universeName: 'u',
	seriesKeys: [],
	promotedIds: ['p'],
	status: 'completed',
	startedAt: 0,
	finishedAt: 1,
	cells: [],
	dataDate: null,
	regimes: {},
	error: null,
	...over
});

describe('the regime blend per scanned symbol', () => {
	it('weights the two horizons by the symbol’s regime, and leaves it out when a horizon is missing', () => {
		const scan = scanOf({
			seriesKeys: ['spy', 'qqq'],
			dataDate: '2024-05-31',
			cells: [
				cell('spy', 'short', 0.6),
				cell('spy', 'long', 0.8),
				cell('qqq', 'short', 0.55),
				cell('qqq', 'long', null)
			],
			regimes: {
				spy: { state: 'trending', trend: 0.05, volPercentile: 0.3, weights: { short: 0.3, long: 0.7 } },
				qqq: { state: 'choppy', trend: 0.01, volPercentile: 0.9, weights: { short: 0.7, long: 0.3 } }
			}
		});
		const [spy, qqq] = symbolBlends(scan);
		expect(spy).toMatchObject({ symbol: 'SPY', short: 0.6, long: 0.8 });
		expect(spy.blended).toBeCloseTo(0.3 * 0.6 + 0.7 * 0.8, 15);
		expect(qqq).toMatchObject({ symbol: 'QQQ', short: 0.55, long: null, blended: null });
	});

	it('gives no blend for a series without a recorded regime (a scan stored before regimes were)', () => {
		const scan = scanOf({
			seriesKeys: ['spy'],
			cells: [cell('spy', 'short', 0.6), cell('spy', 'long', 0.7)]
		});
		expect(symbolBlends(scan)[0]).toMatchObject({ regime: null, blended: null });
	});
});
