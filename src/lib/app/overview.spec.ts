import { describe, expect, it } from 'vitest';
import { equityOf } from '../research/portfolio/state';
import { portfolioValueOf } from './overview';

describe('the home page’s portfolio figure', () => {
	it('is cash plus every open position at its last close, as the portfolio’s own equity', () => {
		const state = {
			cash: 90_000,
			asOf: '2019-07-01',
			positions: [
				{ shares: 3, lastPrice: 2_950.5 },
				{ shares: 2, lastPrice: 100 }
			]
		};
		const v = portfolioValueOf({ id: 'paper', state });
		expect(v).toEqual({ value: 90_000 + 3 * 2_950.5 + 200, asOf: '2019-07-01', open: 2 });
		expect(v?.value).toBe(equityOf(state as unknown as Parameters<typeof equityOf>[0]));
	});

	it('is null without a portfolio or with a record it cannot read', () => {
		expect(portfolioValueOf(undefined)).toBeNull();
		expect(portfolioValueOf({ state: { cash: '1', asOf: 'x', positions: [] } })).toBeNull();
		expect(portfolioValueOf({ state: { cash: 1, asOf: 'x', positions: [{ shares: 1 }] } })).toBeNull();
	});
});
