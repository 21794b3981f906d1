import { describe, expect, it } from 'vitest';
import { isFredSeriesId } from './fred';
import { findFredSeries, POPULAR_FRED_SERIES } from './fred-series';
import { FRED_SERIES_IDS } from '../../research/goal-symbols';

describe('POPULAR_FRED_SERIES', () => {
	it('lists the eleven popular series once each, in order', () => {
		// The same list the goal and memory read symbols from (research/goal-symbols.ts).
		expect(POPULAR_FRED_SERIES.map((s) => s.id)).toEqual([...FRED_SERIES_IDS]);
		expect(FRED_SERIES_IDS).toHaveLength(11);
	});

	it('gives every series a valid id, a title, units and its FRED page', () => {
		for (const s of POPULAR_FRED_SERIES) {
			expect(isFredSeriesId(s.id)).toBe(true);
			expect(s.title.length).toBeGreaterThan(5);
			expect(s.units.length).toBeGreaterThan(2);
			expect(s.url).toBe(`https://fred.stlouisfed.org/series/${s.id}`);
		}
	});

	it("uses FRED's own titles", () => {
		expect(findFredSeries('GDP')?.title).toBe('Gross Domestic Product');
		expect(findFredSeries('CPIAUCSL')?.title).toBe(
			'Consumer Price Index for All Urban Consumers: All Items in U.S. City Average'
		);
		expect(findFredSeries('DGS10')?.title).toBe(
			'Market Yield on U.S. Treasury Securities at 10-Year Constant Maturity, Quoted on an Investment Basis'
		);
		expect(findFredSeries('PAYEMS')).toMatchObject({
			title: 'All Employees, Total Nonfarm',
			frequency: 'monthly'
		});
		expect(findFredSeries('NOPE')).toBeUndefined();
	});

	it('cannot be changed at run time', () => {
		expect(Object.isFrozen(POPULAR_FRED_SERIES)).toBe(true);
		expect(POPULAR_FRED_SERIES.every((s) => Object.isFrozen(s))).toBe(true);
	});
});
