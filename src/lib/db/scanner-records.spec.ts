import { describe, expect, it } from 'vitest';
import { scanRecordSchema } from './scanner-records';

describe('a stored scan', () => {
	it('recorded before regimes were kept still parses, with none', () => {
		const scan = scanRecordSchema.parse({
			id: 's',
			universeName: 'u',
			seriesKeys: ['spy'],
			promotedIds: ['p'],
			status: 'completed',
			startedAt: 0,
			finishedAt: 1,
			dataDate: null,
			cells: [
				{
					seriesKey: 'spy',
					symbol: 'SPY',
					horizon: 'short',
					promotedId: 'p',
					trialId: null,
					status: 'failed'
				}
			]
		});
		expect(scan.regimes).toEqual({});
		expect(scan.error).toBeNull();
		expect(scan.cells[0]).toMatchObject({ score: null, probability: null, reason: null });
	});

	it('refuses a cell with an unknown horizon, naming it', () => {
		const r = scanRecordSchema.safeParse({
			id: 's',
			universeName: 'u',
			seriesKeys: [],
			promotedIds: [],
			status: 'completed',
			startedAt: 0,
			finishedAt: 1,
			dataDate: null,
			cells: [
				{
					seriesKey: 'spy',
					symbol: 'SPY',
					horizon: 'medium',
					promotedId: 'p',
					trialId: null,
					status: 'failed'
				}
			]
		});
		expect(r.success).toBe(false);
		expect(r.error?.issues[0].path).toEqual(['cells', 0, 'horizon']);
	});
});
