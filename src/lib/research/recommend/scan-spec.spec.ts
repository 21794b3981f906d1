import { describe, expect, it } from 'vitest';
import { trialSpecSchema } from '../../domain/trial-spec';
import { tinySpec } from '../../testing/fixtures';
import { SCAN_HORIZON_DAYS, scanSpec, scoreFold } from './scan-spec';

describe('the scan spec of a promoted trial', () => {
	const base = tinySpec({
		name: 'gbm',
		datasetId: 'spy-v1',
		target: { kind: 'direction', horizon: 5 },
		validation: {
			mode: 'rolling',
			trainLength: 250,
			testLength: 50,
			step: 50,
			embargo: 5,
			testUntil: '2019-01-01'
		}
	});

	it('changes only the dataset, the target horizon, the embargo, the name and the date bounds', () => {
		const s = trialSpecSchema.parse(
			scanSpec(base, { datasetId: 'qqq-v3', symbol: 'QQQ', horizon: 'long', label: 'gbm' })
		);
		expect(s.datasetId).toBe('qqq-v3');
		expect(s.target).toEqual({ kind: 'direction', horizon: 60 });
		expect(s.validation).toEqual({
			mode: 'rolling',
			trainLength: 250,
			testLength: 50,
			step: 50,
			embargo: 60
		});
		expect(s.name).toBe('Scan · gbm · QQQ · 50–70 days');
		expect(s.model).toEqual(base.model);
		expect(s.features).toEqual(base.features);
		expect(s.strategy).toEqual(base.strategy);
		expect(s.seed).toBe(base.seed);
	});

	it('keeps a larger embargo and uses 10 days for the short horizon', () => {
		const wide = { ...base, validation: { ...base.validation, embargo: 20 } };
		const s = trialSpecSchema.parse(
			scanSpec(wide, { datasetId: 'x', symbol: 'X', horizon: 'short', label: 'l' })
		);
		expect(SCAN_HORIZON_DAYS.short).toBe(10);
		expect(s.target.horizon).toBe(10);
		expect(s.validation.embargo).toBe(20);
	});
});

describe('the fold that scores the last bar', () => {
	it('trains a rolling window ending an embargo before the last bar and tests only that bar', () => {
		const f = scoreFold(
			1000,
			{ mode: 'rolling', trainLength: 250, testLength: 50, step: 50, embargo: 10 },
			30
		);
		expect(f).toEqual({ index: 0, trainStart: 739, trainEnd: 989, testStart: 999, testEnd: 1000 });
	});

	it('starts an expanding window at the warm-up and refuses too few rows', () => {
		const v = { mode: 'expanding', trainLength: 250, testLength: 50, step: 50, embargo: 60 } as const;
		expect(scoreFold(400, v, 30)).toEqual({
			index: 0,
			trainStart: 30,
			trainEnd: 339,
			testStart: 399,
			testEnd: 400
		});
		expect(() => scoreFold(92, v, 30)).toThrow(
			/1 training rows after the 30-row warm-up and the 60-row embargo/
		);
	});
});
