import { describe, expect, it } from 'vitest';
import { fixtureTrial as trial } from '../testing/feedback-fixtures';
import { chronologicalRows, feedbackRow } from './feedback-rows';
import { flatParamsKey } from './feedback-stats';

describe('feedback rows', () => {
	it('reads a finished trial once: model, params, times and its summary figures (NaN for a failed one)', () => {
		const done = feedbackRow(trial('a', 1_000, { model: 'lasso', sharpe: 1.5, ic: 0.2, hitRate: 0.6 }));
		expect(done).toMatchObject({
			id: 'a',
			modelId: 'lasso',
			completed: true,
			time: 1_000,
			createdAt: 990,
			at: 1_000,
			ms: 5,
			sharpe: 1.5,
			ic: 0.2,
			hitRate: 0.6
		});
		const failed = feedbackRow(trial('b', 2_000, { status: 'failed', sharpe: 3 }));
		expect(failed?.completed).toBe(false);
		expect(failed?.sharpe).toBeNaN();
		for (const status of ['queued', 'running', 'cancelled'] as const)
			expect(feedbackRow(trial('c', 3_000, { status }))).toBeNull();
	});

	it('orders by time, then creation, then id, and keeps the input order of equal records (a stable sort)', () => {
		const late = trial('z', 5_000);
		const early = trial('y', 1_000);
		const createdFirst = { ...trial('x', 3_000), createdAt: 50 };
		const tieB = { ...trial('b', 3_000), createdAt: 100 };
		const tieA = { ...trial('a', 3_000), createdAt: 100 };
		const twinFirst = trial('d', 4_000, { model: 'first' });
		const twinSecond = trial('d', 4_000, { model: 'second' });
		const queued = trial('q', 0, { status: 'queued' });
		const rows = chronologicalRows([late, twinFirst, tieB, queued, early, twinSecond, tieA, createdFirst]);
		expect(rows.map((r) => r.id)).toEqual(['y', 'x', 'a', 'b', 'd', 'd', 'z']);
		expect(rows.filter((r) => r.id === 'd').map((r) => r.modelId)).toEqual(['first', 'second']);
	});
});

describe('flatParamsKey', () => {
	it('is the sorted-key JSON of the defined params, as JSON.stringify writes each value', () => {
		const params = {
			b: -0,
			a: Number.NaN,
			c: 'say "hi"',
			d: true,
			e: null,
			f: [1, 2],
			g: undefined,
			h: 1e21
		};
		const expected = Object.keys(params)
			.sort()
			.filter((k) => params[k as keyof typeof params] !== undefined)
			.map((k) => `${JSON.stringify(k)}:${JSON.stringify(params[k as keyof typeof params])},`)
			.join('');
		expect(flatParamsKey(params)).toBe(expected);
		expect(flatParamsKey(params)).toBe(
			'"a":null,"b":0,"c":"say \\"hi\\"","d":true,"e":null,"f":[1,2],"h":1e+21,'
		);
		expect(flatParamsKey(params, 'c')).not.toContain('"c"');
	});
});
