import { describe, expect, it } from 'vitest';
import type { MetricFamily } from '$lib/domain/prometheus';
import { familyViews, fitRows } from './telemetry-view';

const families: MetricFamily[] = [
	{
		name: 'c',
		help: 'h',
		type: 'counter',
		samples: [
			{ labels: { status: 'done', model: 'ridge' }, value: 4 },
			{ labels: { status: 'failed', model: 'ridge' }, value: 1 }
		]
	},
	{ name: 'z', help: 'h', type: 'counter', samples: [{ labels: {}, value: 0 }] },
	{
		name: 'fit',
		help: 'h',
		type: 'histogram',
		buckets: [0.1, 1, 10],
		series: [{ labels: { model: 'ridge' }, observations: [0.05, 0.5, 20] }]
	}
];

describe('the Telemetry page’s view of the metrics', () => {
	it('turns each family into rows with bars relative to its largest value', () => {
		const [c, z] = familyViews(families);
		expect(c.rows).toEqual([
			{ label: 'status done · model ridge', value: 4, share: 1 },
			{ label: 'status failed · model ridge', value: 1, share: 0.25 }
		]);
		expect(z.rows).toEqual([{ label: 'all', value: 0, share: 0 }]);
		expect(familyViews(families)).toHaveLength(2);
	});

	it('summarises fit times per model: folds, total and the bucket of the median', () => {
		expect(fitRows(families)).toEqual([{ model: 'ridge', folds: 3, totalSeconds: 20.55, medianAtMost: 1 }]);
	});
});
