import { describe, expect, it } from 'vitest';
import { importanceByName } from './feature-importance';

describe('importanceByName', () => {
	it('averages importances by name over folds, as shares, largest first', () => {
		const r = importanceByName(
			[{ importance: [3, 1] }, { importance: [1, 3] }, { importance: null }],
			['a', 'b']
		);
		expect(r).toEqual([
			{ name: 'a', value: 0.5 },
			{ name: 'b', value: 0.5 }
		]);
	});

	it('reads each fold by its own column names, a dropped column counting 0 in that fold', () => {
		const r = importanceByName(
			[
				{ importance: [6, 2], featureNames: ['x', 'y'] },
				{ importance: [4], featureNames: ['y'] }
			],
			['unused']
		);
		// x: 6/2 = 3, y: (2 + 4)/2 = 3 → equal shares of 6.
		expect(r).toEqual([
			{ name: 'x', value: 0.5 },
			{ name: 'y', value: 0.5 }
		]);
	});

	it('is null when no fold reports importance', () => {
		expect(importanceByName([{ importance: null }], ['a'])).toBeNull();
	});
});
