import { describe, expect, it } from 'vitest';
import { groupMetrics, metricText } from './shared-metrics';

describe('shared metrics for reading', () => {
	it('groups by block in the trial page order with readable names, unknown names last under Other', () => {
		const groups = groupMetrics({
			rows: 500,
			'strategy.sharpe': 0.5,
			'buyHold.sharpe': 0.3,
			'strategy.calmar': null,
			'custom.score': 7
		});
		expect(groups).toEqual([
			{
				label: 'Strategy after costs',
				rows: [
					{ name: 'Sharpe', value: 0.5 },
					{ name: 'Calmar', value: null }
				]
			},
			{ label: 'Buy and hold', rows: [{ name: 'Sharpe', value: 0.3 }] },
			{
				label: 'Other',
				rows: [
					{ name: 'Out-of-sample rows', value: 500 },
					{ name: 'custom.score', value: 7 }
				]
			}
		]);
	});

	it('prints six significant digits, whole numbers with separators, and a dash for null', () => {
		expect(metricText(0.123456789)).toBe('0.123457');
		expect(metricText(-1234.5678)).toBe('-1234.57');
		expect(metricText(12500)).toBe('12,500');
		expect(metricText(null)).toBe('—');
	});
});
