import { describe, expect, it } from 'vitest';
import { benchmarkLine } from '../../research/portfolio/benchmark';
import { benchmarkText } from './benchmark-text';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const CURVE = [
	{ date: '2026-01-05', equity: 100_000 },
	{ date: '2026-01-06', equity: 102_000 },
	{ date: '2026-01-07', equity: 101_000 }
];

describe('benchmarkText', () => {
	it('states the rebasing, both total returns and the excess, and a close carried past the benchmark’s end', () => {
		const line = benchmarkLine(CURVE, 100_000, {
			t: [day('2026-01-05'), day('2026-01-06')],
			close: [50, 51]
		});
		expect(benchmarkText({ seriesKey: 'spy', label: 'SPY', line }, 100_000, '2026-01-05')).toBe(
			'SPY rebased to $100,000 on 2026-01-05: total return 2.00%, the portfolio 1.00%, excess return -1.00%. ' +
				'Its last bar is on 2026-01-06: the last 1 day carry that close; refresh it for a current comparison.'
		);
	});

	it('says why there is no line', () => {
		expect(benchmarkText({ seriesKey: null, label: null, line: null }, 1, '2026-01-05')).toMatch(
			/^No benchmark/
		);
		const line = benchmarkLine(CURVE, 100_000, { t: [day('2026-01-06')], close: [50] });
		expect(benchmarkText({ seriesKey: 'spy', label: 'SPY', line }, 100_000, '2026-01-05')).toMatch(
			/^SPY cannot be drawn: the benchmark has no close on or before/
		);
	});
});
