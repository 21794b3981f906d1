import { describe, expect, it } from 'vitest';
import { sp500Bars } from '../testing/sp500';
import { tbillBars } from '../testing/tbill';
import { availableDays, type PublicationLag } from './as-of';
import {
	cutInputAt,
	featureInputsSchema,
	FeatureInputError,
	inputColumnNames,
	type FeatureInput,
	type FeatureInputData
} from './feature-inputs';
import {
	computeFeatureSpec,
	featureKey,
	featureNames,
	featureSpecSchema,
	featureWarmup
} from './feature-spec';
import { createRng } from './random';
import { sliceBars, type Bars } from './series';

/** Seed of the availability property test; printed so a failure can be replayed. */
const AVAILABILITY_SEED = 20261205;
const CUT_POINTS = 30;
const DAY = 86_400_000;
const d = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** 2000–2009 of the S&P 500 file: it overlaps the quarterly T-bill fixture (to 2009Q3). */
const bars: Bars = sliceBars(sp500Bars(), 0, 2_400);

/**
 * A benchmark on its own calendar: the S&P closes scaled by a random walk, with one day in ten missing (a
 * holiday the asset traded) — so the join has real gaps to bridge.
 */
function benchmarkOf(rng: ReturnType<typeof createRng>): FeatureInputData {
	const t: number[] = [];
	const value: number[] = [];
	let drift = 1;
	for (let i = 0; i < bars.t.length; i++) {
		drift *= 1 + 0.003 * rng.normal();
		if (rng.next() < 0.1) continue;
		t.push(bars.t[i]);
		value.push(bars.close[i] * drift);
	}
	return { kind: 'dataset', id: 'SPY@v1', t: Float64Array.from(t), value: Float64Array.from(value) };
}

/** The real quarterly 3-month T-bill rate (FRED TB3MS, statsmodels macrodata), dated at each quarter's start. */
function tbill(): FeatureInputData {
	const b = tbillBars();
	return { kind: 'series', id: 'fred:TB3MS', t: b.t, value: b.close };
}

/** A daily VIX-like level on the asset's days plus some weekend days, strictly ascending. */
function vixOf(rng: ReturnType<typeof createRng>): FeatureInputData {
	const t: number[] = [];
	const value: number[] = [];
	let v = 20;
	for (let i = 0; i < bars.t.length; i++) {
		v = Math.max(9, v + rng.normal());
		t.push(bars.t[i]);
		value.push(v);
		if (rng.next() < 0.05 && i + 1 < bars.t.length && bars.t[i + 1] - bars.t[i] > 2 * DAY) {
			t.push(bars.t[i] + DAY);
			value.push(v + rng.normal());
		}
	}
	return { kind: 'dataset', id: 'VIX@v1', t: Float64Array.from(t), value: Float64Array.from(value) };
}

function specWith(inputs: unknown[]) {
	return featureSpecSchema.parse({ set: 'daily_v1', inputs });
}

describe('feature inputs joined as of what was known', () => {
	it('parses inputs with the default lags (macro one observation, benchmark none) and refuses bad ones by field', () => {
		const f = specWith([
			{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark' },
			{ kind: 'series', id: 'fred:DGS10', role: 'macro' },
			{ kind: 'series', id: 'fred:PAYEMS', role: 'macro', lag: { days: 35 } }
		]);
		expect(f.inputs?.map((i) => i.lag)).toEqual([{ observations: 0 }, { observations: 1 }, { days: 35 }]);
		const bad = (inputs: unknown) => JSON.stringify(featureSpecSchema.safeParse({ set: 'daily_v1', inputs }));
		expect(bad([])).toContain('at least one input');
		expect(
			bad(Array.from({ length: 5 }, (_, i) => ({ kind: 'series', id: `s${i}`, role: 'macro' })))
		).toContain('at most 4 inputs');
		expect(
			bad([
				{ kind: 'series', id: 'a', role: 'macro' },
				{ kind: 'series', id: 'a', role: 'benchmark' }
			])
		).toContain('same input twice');
		expect(bad([{ kind: 'series', id: 'a', role: 'macro', lag: { days: -1 } }])).toContain('lag.days');
		expect(bad([{ kind: 'file', id: 'a', role: 'macro' }])).toContain('features.inputs.kind');
		expect(bad([{ kind: 'series', id: 'a', role: 'macro', extra: 1 }])).toContain('extra');
	});

	it('names, warms up and keys the input columns after the set’s own', () => {
		const f = specWith([
			{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark' },
			{ kind: 'series', id: 'fred:TB3MS', role: 'macro' }
		]);
		expect(featureNames(f).slice(-6)).toEqual([
			'SPY@v1:rs_5',
			'SPY@v1:rs_20',
			'SPY@v1:rs_60',
			'fred:TB3MS:level',
			'fred:TB3MS:chg20',
			'fred:TB3MS:z60'
		]);
		expect(featureWarmup(f)).toBe(Math.max(featureWarmup({ set: 'daily_v1' }), 60));
		// The cache key separates specs that differ only in an input's lag.
		const g = specWith([
			{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark' },
			{ kind: 'series', id: 'fred:TB3MS', role: 'macro', lag: { observations: 2 } }
		]);
		expect(featureKey(f)).not.toBe(featureKey(g));
		expect(featureKey({ set: 'daily_v1' })).toBe('daily_v1');
	});

	it('computes relative strength as the asset’s N-day return minus the joined benchmark’s', () => {
		const bench = benchmarkOf(createRng(1));
		const f = specWith([{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark' }]);
		const fs = computeFeatureSpec(f, bars, [bench]);
		const col = fs.names.indexOf('SPY@v1:rs_20');
		const row = 1_000;
		// The benchmark's close on a day is its own close that day or, on a day it is missing, the last before.
		const benchAt = (t: number) => {
			let j = -1;
			while (j + 1 < bench.t.length && bench.t[j + 1] <= t) j++;
			return bench.value[j];
		};
		const expected =
			bars.close[row] / bars.close[row - 20] - 1 - (benchAt(bars.t[row]) / benchAt(bars.t[row - 20]) - 1);
		expect(fs.matrix.data[row * fs.matrix.cols + col]).toBeCloseTo(expected, 14);
	});

	it('uses a quarterly FRED value with one observation of lag only from the next observation’s date on', () => {
		const f = specWith([{ kind: 'series', id: 'fred:TB3MS', role: 'macro' }]);
		const fs = computeFeatureSpec(f, bars, [tbill()]);
		const level = fs.names.indexOf('fred:TB3MS:level');
		const q = tbillBars();
		const i2005q1 = q.t.indexOf(d('2005-01-01'));
		expect(i2005q1).toBeGreaterThan(0);
		for (let r = 0; r < bars.t.length; r++) {
			const v = fs.matrix.data[r * fs.matrix.cols + level];
			const t = bars.t[r];
			// On a day of 2005Q1 the value in use is 2004Q4's, which became known on 2005-01-01 — never 2005Q1's own,
			// which is only known from 2005-04-01.
			if (t >= d('2005-01-03') && t < d('2005-04-01')) expect(v).toBe(q.close[i2005q1 - 1]);
			if (t >= d('2005-04-01') && t < d('2005-07-01')) expect(v).toBe(q.close[i2005q1]);
		}
		// The last observation (2009Q3) is never used: no later one dates its publication.
		const last = q.close[q.close.length - 1];
		const lastUsed = fs.matrix.data[(bars.t.length - 1) * fs.matrix.cols + level];
		expect(bars.t[bars.t.length - 1]).toBeGreaterThan(q.t[q.t.length - 1]);
		expect(lastUsed).toBe(q.close[q.close.length - 2]);
		expect(lastUsed).not.toBe(last);
	});

	it('no feature of a row changes when any input value not yet available that day, or any later bar, changes', () => {
		console.info(`availability property seed ${AVAILABILITY_SEED}`);
		const rng = createRng(AVAILABILITY_SEED);
		const cases: { input: FeatureInputData; role: FeatureInput['role']; lag: PublicationLag }[] = [
			{ input: benchmarkOf(rng.fork('bench')), role: 'benchmark', lag: { observations: 0 } },
			{ input: benchmarkOf(rng.fork('bench-days')), role: 'benchmark', lag: { days: 1 } },
			{ input: tbill(), role: 'macro', lag: { observations: 1 } },
			{ input: tbill(), role: 'macro', lag: { days: 45 } },
			{ input: vixOf(rng.fork('vix')), role: 'macro', lag: { observations: 2 } },
			{ input: vixOf(rng.fork('vix-days')), role: 'macro', lag: { days: 0 } }
		];
		for (const c of cases) {
			const f = specWith([{ kind: c.input.kind, id: c.input.id, role: c.role, lag: c.lag }]);
			const full = computeFeatureSpec(f, bars, [c.input]);
			const avail = availableDays(c.input, c.lag);
			let sensitive = 0;
			for (let k = 0; k < CUT_POINTS; k++) {
				const r = featureWarmup(f) + rng.int(bars.t.length - featureWarmup(f));
				const today = Math.floor(bars.t[r] / DAY);
				const unknown = avail.map((a) => (a > today ? 1 : 0));
				const changedInput = {
					...c.input,
					value: c.input.value.map((v, i) => (unknown[i] ? v * (0.5 + rng.next()) + 7 : v))
				};
				const changedBars: Bars = {
					...bars,
					close: bars.close.map((v, i) => (i > r ? v * (0.5 + rng.next()) : v))
				};
				const other = computeFeatureSpec(f, changedBars, [changedInput]);
				const { cols } = full.matrix;
				for (let col = 0; col < cols; col++) {
					const a = full.matrix.data[r * cols + col];
					const b = other.matrix.data[r * cols + col];
					if (!Object.is(a, b))
						throw new Error(`${c.input.id} ${JSON.stringify(c.lag)}: ${full.names[col]} changed at row ${r}`);
				}
				// Not vacuous: changing every input value the row could have known does move its input columns.
				const known = { ...c.input, value: c.input.value.map((v, i) => (unknown[i] ? v : v + 3)) };
				const moved = computeFeatureSpec(f, bars, [known]);
				const names = inputColumnNames(f.inputs!);
				if (
					names.some(
						(n) =>
							!Object.is(
								moved.matrix.data[r * cols + full.names.indexOf(n)],
								full.matrix.data[r * cols + full.names.indexOf(n)]
							)
					)
				)
					sensitive++;
			}
			expect(sensitive, `${c.input.id} ${JSON.stringify(c.lag)}`).toBeGreaterThan(CUT_POINTS / 2);
		}
	});

	it('keeps every row of a generated set with a benchmark and two macro inputs unmoved by what was not known yet', () => {
		const rng = createRng(AVAILABILITY_SEED + 1);
		console.info(`availability property seed ${AVAILABILITY_SEED + 1}`);
		const data = [benchmarkOf(rng.fork('bench')), tbill(), vixOf(rng.fork('vix'))];
		const f = featureSpecSchema.parse({
			set: 'generated_v1',
			families: ['volatility'],
			transforms: ['zscore', 'lag'],
			depth: 2,
			lag: 3,
			selection: 0.1,
			inputs: [
				{ kind: 'dataset', id: 'SPY@v1', role: 'benchmark', lag: { days: 0 } },
				{ kind: 'series', id: 'fred:TB3MS', role: 'macro' },
				{ kind: 'dataset', id: 'VIX@v1', role: 'macro', lag: { observations: 1 } }
			]
		});
		const full = computeFeatureSpec(f, bars, data);
		const { cols } = full.matrix;
		for (let k = 0; k < CUT_POINTS; k++) {
			const r = featureWarmup(f) + rng.int(bars.t.length - featureWarmup(f));
			const today = Math.floor(bars.t[r] / DAY);
			const changed = data.map((d, j) => {
				const avail = availableDays(d, f.inputs![j].lag);
				return { ...d, value: d.value.map((v, i) => (avail[i] > today ? -v : v)) };
			});
			const later: Bars = { ...bars, close: bars.close.map((v, i) => (i > r ? v * 1.5 : v)) };
			const other = computeFeatureSpec(f, later, changed);
			for (let c = 0; c < cols; c++)
				if (!Object.is(full.matrix.data[r * cols + c], other.matrix.data[r * cols + c]))
					throw new Error(`${full.names[c]} changed at row ${r}`);
		}
		expect(full.names.slice(-9)).toEqual(inputColumnNames(f.inputs!));
	});

	it('cuts an input as of a day: later observations removed, unpublished ones blanked, the cut row unchanged', () => {
		const f = specWith([{ kind: 'series', id: 'fred:TB3MS', role: 'macro' }]);
		const input = tbill();
		const lag = f.inputs![0].lag;
		const r = 1_500;
		const cut = cutInputAt(input, lag, bars.t[r]);
		expect(cut.t[cut.t.length - 1]).toBeLessThanOrEqual(bars.t[r]);
		// The quarter that has begun is observed but not yet published: blanked.
		expect(Number.isNaN(cut.value[cut.value.length - 1])).toBe(true);
		expect(Number.isNaN(cut.value[cut.value.length - 2])).toBe(false);
		const full = computeFeatureSpec(f, bars, [input]);
		const truncated = computeFeatureSpec(f, sliceBars(bars, 0, r + 1), [cut]);
		const cols = full.matrix.cols;
		for (let c = 0; c < cols; c++)
			expect(Object.is(truncated.matrix.data[r * cols + c], full.matrix.data[r * cols + c])).toBe(true);
	});

	it('refuses to compute a spec whose input data was not given', () => {
		const f = specWith([{ kind: 'series', id: 'fred:TB3MS', role: 'macro' }]);
		expect(() => computeFeatureSpec(f, bars)).toThrow(FeatureInputError);
		expect(() => computeFeatureSpec(f, bars, [{ ...tbill(), id: 'other' }])).toThrow(/fred:TB3MS/);
		expect(featureInputsSchema.safeParse([{ kind: 'series', id: 'x', role: 'macro' }]).success).toBe(true);
	});
});
