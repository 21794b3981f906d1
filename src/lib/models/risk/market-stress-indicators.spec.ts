import { describe, expect, it } from 'vitest';
import { createRng } from '../../domain/random';
import { sliceBars } from '../../domain/series';
import { sp500Bars } from '../../testing/sp500';
import type { AnalysisResult } from '../analysis';
import { CRISES } from './crises';
import { implementation } from './market-stress-indicators.model';
import fixture from './risk.fixture.json';
import { stressIndex } from './stress';

const ctx = { rng: createRng(1) };
const value = (r: AnalysisResult, key: string) => r.numbers.find((n) => n.key === key)!;
const sp = { datasets: [{ name: 'S&P 500', bars: sp500Bars() }] };
const rel = (a: number, b: number) => Math.abs(a / b - 1);

describe('market_stress_indicators', () => {
	it('replays every crisis window as pandas does on the real S&P 500 (1e-12 relative; breaches exact)', async () => {
		const r = await implementation.evaluate(sp, {}, ctx);
		const rows = new Map(r.tables[0].rows.map((row) => [row[0], row]));
		expect(value(r, 'crises_covered').value).toBe(9);
		for (const [id, ref] of Object.entries(fixture.crises)) {
			expect(rel(value(r, `${id}_return`).value, ref.total_return), id).toBeLessThan(1e-12);
			expect(rel(value(r, `${id}_max_drawdown`).value, ref.max_drawdown), id).toBeLessThan(1e-12);
			const breaches = value(r, `${id}_var_breaches`);
			if (ref.breaches === null) {
				expect(breaches.value, id).toBeNaN();
				expect(breaches.note).toMatch(/bars before the window/);
			} else expect(breaches.value, id).toBe(ref.breaches);
			const row = rows.get(CRISES.find((c) => c.id === id)!.name)!;
			expect(row[3], id).toBe(ref.days);
			expect(rel(row[6] as number, ref.worst_day), id).toBeLessThan(1e-12);
			expect(rel(row[8] as number, ref.volatility), id).toBeLessThan(1e-10);
			if (ref.pre_var !== null) expect(rel(row[10] as number, ref.pre_var), id).toBeLessThan(1e-12);
		}
	});

	it('gives the published falls: GFC −56.8 % (1,565.15 → 676.53), Covid −33.9 % (3,386.15 → 2,237.40), dot-com −49.1 %', async () => {
		// S&P 500 closing peaks and troughs as S&P Dow Jones Indices reports them.
		const r = await implementation.evaluate(
			sp,
			{ stress_scenarios: ['gfc_2007_2009', 'covid_2020', 'dotcom_2000_2002'] },
			ctx
		);
		expect(value(r, 'gfc_2007_2009_return').value).toBeCloseTo(676.53 / 1565.15 - 1, 5);
		expect(value(r, 'covid_2020_return').value).toBeCloseTo(2237.4 / 3386.15 - 1, 5);
		expect(value(r, 'dotcom_2000_2002_return').value).toBeCloseTo(776.76 / 1527.46 - 1, 5);
		// The Covid crash overwhelmed a VaR set on the two calm years before it: 12 breaches in 23 days.
		expect(value(r, 'covid_2020_var_breaches').value).toBe(12);
	});

	it('says which windows the data does not cover', async () => {
		const r = await implementation.evaluate(
			{ datasets: [{ name: 'x', bars: sliceBars(sp500Bars(), 0, 1500) }] },
			{},
			ctx
		);
		const covid = value(r, 'covid_2020_return');
		expect(covid.value).toBeNaN();
		expect(covid.note).toMatch(/does not cover this window \(the data runs from 2000-01-03 to/);
		expect(value(r, 'sept11_2001_return').value).toBeLessThan(0);
	});

	it('peaks its stress index in a crisis: the highest reading falls in the 2008 or 2020 crash', () => {
		const bars = sp500Bars();
		const { index } = stressIndex(bars.close, 252);
		let at = 0;
		index.forEach((v, i) => {
			if (v > index[at] || Number.isNaN(index[at])) at = i;
		});
		const year = new Date(bars.t[at]).getUTCFullYear();
		expect([2008, 2020]).toContain(year);
		expect(index[20]).toBeNaN();
	});
});
