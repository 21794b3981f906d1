import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import {
	addDays,
	datedFolds,
	datedRange,
	dayStart,
	usableRange,
	walkForwardFolds,
	walkForwardSchema,
	type WalkForwardSettings
} from './splits';
import { trialSpecSchema } from './trial-spec';
import { tinySpec } from '../testing/fixtures';

const DAY = 86_400_000;

/** Weekday bars from Monday 2000-01-03 (weekends skipped, as a market calendar would). */
function weekdays(rows: number): Float64Array {
	const t = new Float64Array(rows);
	let ms = Date.UTC(2000, 0, 3);
	for (let i = 0; i < rows; i++) {
		while ([0, 6].includes(new Date(ms).getUTCDay())) ms += DAY;
		t[i] = ms;
		ms += DAY;
	}
	return t;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const base: WalkForwardSettings = { mode: 'rolling', trainLength: 250, testLength: 21, step: 21, embargo: 5 };

describe('date bounds on walk-forward folds', () => {
	const t = weekdays(2_000);

	it('reads ISO days as UTC midnights and refuses dates that do not exist', () => {
		expect(dayStart('2023-01-02')).toBe(Date.UTC(2023, 0, 2));
		expect(dayStart('2023-02-30')).toBeNaN();
		expect(dayStart('2023-1-2')).toBeNaN();
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
	});

	it('makes exactly the unbounded folds when no bound is set', () => {
		for (const h of [1, 5, 20])
			expect(datedFolds(t, h, { ...base, embargo: h })).toEqual(
				walkForwardFolds(usableRange(t.length, h), { ...base, embargo: h })
			);
	});

	it('never uses a row whose bar or target reaches the testUntil day, for any horizon and cut', () => {
		let checked = 0;
		for (const h of [1, 5, 20, 63])
			for (const cutRow of [700, 1_234, 1_999])
				for (const mode of ['rolling', 'expanding'] as const) {
					// A Saturday cut (no bar on the day itself) as well as a trading day.
					for (const until of [iso(t[cutRow]), iso(t[cutRow] - DAY)]) {
						const s = { ...base, mode, embargo: h, testUntil: until };
						const cut = dayStart(until);
						const folds = datedFolds(t, h, s);
						expect(folds.length).toBeGreaterThan(0);
						for (const f of folds) {
							// The last test row's target is close[testEnd - 1 + h]: before the cut.
							expect(t[f.testEnd - 1 + h]).toBeLessThan(cut);
							expect(t[f.trainEnd - 1 + h]).toBeLessThan(cut);
							checked++;
						}
						// The windows are the unbounded grid up to the cut: nothing usable is thrown away.
						const last = folds.at(-1)!;
						const next = last.testEnd + s.step; // end of the next window
						expect(next + h >= t.length || t[next - 1 + h] >= cut).toBe(true);
					}
				}
		expect(checked).toBeGreaterThan(500);
	});

	it('starts the first test window on the first bar on or after testFrom and walks forward from there', () => {
		const from = iso(t[1_500] - 2 * DAY); // may fall on a weekend: the next bar is the first test row
		const folds = datedFolds(t, 5, { ...base, testFrom: from });
		const first = t.findIndex((x) => x >= dayStart(from));
		expect(folds[0].testStart).toBe(first);
		expect(folds[0].trainEnd).toBe(first - base.embargo);
		for (const f of folds) expect(t[f.testStart]).toBeGreaterThanOrEqual(dayStart(from));
		expect(folds.map((f) => f.testStart - first)).toEqual(folds.map((_, i) => i * base.step));
		expect(folds.at(-1)!.testEnd).toBeLessThanOrEqual(usableRange(t.length, 5).end);
	});

	it('keeps the earliest allowed start when testFrom comes before training could fit', () => {
		const folds = datedFolds(t, 5, { ...base, testFrom: iso(t[0]) });
		expect(folds[0].testStart).toBe(usableRange(t.length, 5).start + base.trainLength + base.embargo);
	});

	it('splits a series into a search part and a holdout part that share no test row and no target', () => {
		const holdout = iso(t[1_700]);
		const search = datedFolds(t, 5, { ...base, testUntil: holdout });
		const held = datedFolds(t, 5, { ...base, testFrom: holdout });
		const lastSearchRow = search.at(-1)!.testEnd - 1;
		expect(t[lastSearchRow + 5]).toBeLessThan(dayStart(holdout));
		expect(held[0].testStart).toBe(1_700);
		expect(held.length).toBe(Math.floor((usableRange(t.length, 5).end - 1_700 - base.testLength) / 21) + 1);
	});

	it('places both bounds on rows: the range is cut by the horizon before testUntil', () => {
		const r = datedRange(t, 5, { testFrom: iso(t[900]), testUntil: iso(t[1_000]) });
		expect(r).toEqual({ range: { start: usableRange(t.length, 5).start, end: 995 }, firstTestRow: 900 });
	});
});

describe('the date bounds in a trial spec', () => {
	it('adds no key to a spec without them, so stored specs read and hash exactly as before', () => {
		const parsed = trialSpecSchema.parse(tinySpec());
		expect(Object.keys(parsed.validation).sort()).toEqual([
			'embargo',
			'mode',
			'step',
			'testLength',
			'trainLength'
		]);
		expect(canonicalJson(parsed.validation)).toBe(
			'{"embargo":1,"mode":"rolling","step":2,"testLength":2,"trainLength":100}'
		);
	});

	it('keeps valid bounds and refuses an unreal date or an empty period, naming the field', () => {
		const ok = trialSpecSchema.parse({
			...tinySpec(),
			validation: { ...tinySpec().validation, testFrom: '2020-01-01', testUntil: '2021-01-01' }
		});
		expect(ok.validation).toMatchObject({ testFrom: '2020-01-01', testUntil: '2021-01-01' });
		const bad = walkForwardSchema.safeParse({ ...base, testUntil: '2021-02-30' });
		expect(bad.success || bad.error.issues[0]).toMatchObject({
			path: ['testUntil'],
			message: expect.stringMatching(/validation\.testUntil must be a real date/)
		});
		const empty = trialSpecSchema.safeParse({
			...tinySpec(),
			validation: { ...tinySpec().validation, testFrom: '2021-01-01', testUntil: '2021-01-01' }
		});
		expect(empty.success || empty.error.issues[0].message).toBe(
			'validation.testUntil must be after validation.testFrom'
		);
	});
});
