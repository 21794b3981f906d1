import { describe, expect, it } from 'vitest';
import { defaultPortfolioSettings, portfolioSettingsSchema } from './settings';

describe('portfolio settings', () => {
	it("defaults to the original's rules (§7.3): $100,000, 20 positions, 5 % of equity, 12/70-day timeouts, no auto-open", () => {
		expect(defaultPortfolioSettings()).toEqual({
			initialCapital: 100_000,
			maxPositions: 20,
			positionFraction: 0.05,
			costBps: 5,
			slippageBps: 5,
			timeoutDays: { short: 12, long: 70 },
			gapRule: 'open',
			autoOpenTopN: 0
		});
	});

	it('keeps what the user set and fills the rest', () => {
		const s = portfolioSettingsSchema.parse({ maxPositions: 5, timeoutDays: { short: 9 }, gapRule: 'level' });
		expect(s.maxPositions).toBe(5);
		expect(s.timeoutDays).toEqual({ short: 9, long: 70 });
		expect(s.gapRule).toBe('level');
	});

	it('refuses out-of-range values with the field named in the message', () => {
		const cases: [object, RegExp][] = [
			[{ initialCapital: 0 }, /initialCapital/],
			[{ maxPositions: 2.5 }, /maxPositions/],
			[{ positionFraction: 0 }, /positionFraction/],
			[{ positionFraction: 1.5 }, /positionFraction/],
			[{ costBps: -1 }, /costBps/],
			[{ slippageBps: 5000 }, /slippageBps/],
			[{ timeoutDays: { long: 0 } }, /timeoutDays\.long/],
			[{ gapRule: 'close' }, /gapRule/],
			[{ autoOpenTopN: -1 }, /autoOpenTopN/]
		];
		for (const [input, field] of cases) {
			const r = portfolioSettingsSchema.safeParse(input);
			expect(r.success).toBe(false);
			expect(r.error?.issues[0].message).toMatch(field);
		}
	});
});
