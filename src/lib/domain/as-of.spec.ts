import { describe, expect, it } from 'vitest';
import { asOfIndex, asOfJoin, availableDays, publicationLagSchema, type PublicationLag } from './as-of';
import { createRng } from './random';

const DAY = 86_400_000;
const d = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** A monthly series dated on the first of each month (the period it describes), values 1, 2, 3, … */
const monthly = {
	t: new Float64Array(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'].map(d)),
	value: new Float64Array([1, 2, 3, 4])
};

describe('as-of join', () => {
	it('by default uses an observation only once the next one is dated (one observation of lag)', () => {
		const bars = new Float64Array(
			['2024-01-15', '2024-02-01', '2024-03-20', '2024-04-02', '2024-06-01'].map(d)
		);
		const v = asOfJoin(bars, monthly, { observations: 1 });
		// Jan 15: nothing published yet. Feb 1: January's value. Mar 20: February's. Apr 2 and June: March's
		// (April's needs a May observation, which does not exist yet).
		expect(Array.from(v)).toEqual([Number.NaN, 1, 2, 3, 3]);
	});

	it('with a lag in days uses an observation from its date plus the lag', () => {
		const bars = new Float64Array(['2024-01-01', '2024-01-30', '2024-01-31', '2024-03-31'].map(d));
		expect(Array.from(asOfJoin(bars, monthly, { days: 30 }))).toEqual([Number.NaN, Number.NaN, 1, 3]);
		// Lag 0: a market close is known on its own day (a bar later the same day counts as that day).
		expect(
			Array.from(asOfJoin(new Float64Array([d('2024-02-01') + 20 * 3600_000]), monthly, { days: 0 }))
		).toEqual([2]);
	});

	it('never uses a value before its availability day, and always the latest available (random series)', () => {
		const rng = createRng(20261205);
		for (let round = 0; round < 50; round++) {
			const n = 1 + rng.int(30);
			const t: number[] = [];
			let day = 19_000 + rng.int(50);
			for (let i = 0; i < n; i++) {
				t.push(day * DAY);
				day += 1 + rng.int(40);
			}
			const series = { t: new Float64Array(t), value: Float64Array.from(t, () => rng.normal()) };
			const lag: PublicationLag = rng.next() < 0.5 ? { observations: rng.int(4) } : { days: rng.int(60) };
			const bars = Float64Array.from(
				{ length: 80 },
				(_, i) => (19_000 + i * 10 + rng.int(10)) * DAY + rng.int(DAY)
			);
			const avail = availableDays(series, lag);
			const idx = asOfIndex(bars, series, lag);
			for (let b = 0; b < bars.length; b++) {
				const today = Math.floor(bars[b] / DAY);
				if (idx[b] >= 0) expect(avail[idx[b]]).toBeLessThanOrEqual(today);
				if (idx[b] + 1 < n) expect(avail[idx[b] + 1]).toBeGreaterThan(today);
				// Changing every observation not yet available on that day changes nothing on it.
				const changed = {
					t: series.t,
					value: series.value.map((v, i) => (avail[i] > today ? v + 100 : v))
				};
				const a = asOfJoin(bars, series, lag)[b];
				const c = asOfJoin(bars, changed, lag)[b];
				expect(Object.is(a, c)).toBe(true);
			}
		}
	});

	it('refuses unordered dates and bad lags, naming the field', () => {
		const bad = { t: new Float64Array([2, 1]), value: new Float64Array([0, 0]) };
		expect(() => asOfIndex(new Float64Array([5]), bad, { days: 0 })).toThrow(/strictly ascending \(row 1\)/);
		expect(publicationLagSchema.safeParse({ observations: -1 }).success).toBe(false);
		expect(JSON.stringify(publicationLagSchema.safeParse({ days: 1.5 }).error?.issues)).toContain('lag.days');
	});
});
