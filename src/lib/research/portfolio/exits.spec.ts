import { describe, expect, it } from 'vitest';
import { checkExit, slipped, type DailyBar, type ExitRules } from './exits';

// Hand-computed cases. Entry at 100 with the original's 7–12-day levels (§7.3): target +3 % = 103,
// stop −1.5 % = 98.5. Slippage 10 bps, so a sell at p receives p · 0.999. Tolerance 1e-12 (one rounding step).
const levels = { target: 103, stop: 98.5, daysHeld: 1 };
const rules: ExitRules = { gapRule: 'open', slippageBps: 10, timeoutDays: 12 };
const bar = (open: number, high: number, low: number, close: number): DailyBar => ({
	date: '2024-03-05',
	open,
	high,
	low,
	close
});

describe('exits at the target and the stop inside a bar', () => {
	it('a high at or above the target exits at the target less slippage: 103 · 0.999 = 102.897', () => {
		const x = checkExit(levels, bar(101, 103.5, 100, 102), rules);
		expect(x).toMatchObject({ reason: 'target', price: 103, gap: false });
		expect(x?.fill).toBeCloseTo(102.897, 12);
	});

	it('a low at or below the stop exits at the stop less slippage: 98.5 · 0.999 = 98.4015', () => {
		const x = checkExit(levels, bar(101, 102, 98, 99), rules);
		expect(x).toMatchObject({ reason: 'stop', price: 98.5, gap: false });
		expect(x?.fill).toBeCloseTo(98.4015, 12);
	});

	it('touching a level exactly counts as hitting it', () => {
		expect(checkExit(levels, bar(101, 103, 100, 102), rules)?.reason).toBe('target');
		expect(checkExit(levels, bar(100, 101, 98.5, 99), rules)?.reason).toBe('stop');
	});

	it('a bar whose range holds both levels is assumed to hit the stop first (conservative)', () => {
		const x = checkExit(levels, bar(100, 104, 98, 103.5), rules);
		expect(x).toMatchObject({ reason: 'stop', price: 98.5, gap: false });
	});

	it('a bar that stays between the levels keeps the position open', () => {
		expect(checkExit(levels, bar(100, 102.9, 98.6, 101), rules)).toBeNull();
	});
});

describe('the gap rule', () => {
	it('a bar that opens through the stop fills at the open, worse than the stop: 96 · 0.999 = 95.904', () => {
		const x = checkExit(levels, bar(96, 97, 95, 96.5), rules);
		expect(x).toMatchObject({ reason: 'stop', price: 96, gap: true });
		expect(x?.fill).toBeCloseTo(95.904, 12);
	});

	it('a gap through the stop fills at the open even when the bar later trades above the target', () => {
		const x = checkExit(levels, bar(98, 104, 97, 103.5), rules);
		expect(x).toMatchObject({ reason: 'stop', price: 98, gap: true });
	});

	it('a bar that opens above the target fills at the open, better than the target: 105 · 0.999 = 104.895', () => {
		const x = checkExit(levels, bar(105, 106, 98, 105.5), rules);
		expect(x).toMatchObject({ reason: 'target', price: 105, gap: true });
		expect(x?.fill).toBeCloseTo(104.895, 12);
	});

	it("gapRule 'level' fills a gap at the level itself instead", () => {
		const level: ExitRules = { ...rules, gapRule: 'level' };
		expect(checkExit(levels, bar(96, 97, 95, 96.5), level)).toMatchObject({ reason: 'stop', price: 98.5 });
		expect(checkExit(levels, bar(105, 106, 104, 105.5), level)).toMatchObject({
			reason: 'target',
			price: 103
		});
	});
});

describe('timeout and signal reversal', () => {
	it('exits at the close on the day the position has been held timeoutDays trading days, not before', () => {
		const inside = bar(100, 101, 99, 100.5);
		expect(checkExit({ ...levels, daysHeld: 11 }, inside, rules)).toBeNull();
		const x = checkExit({ ...levels, daysHeld: 12 }, inside, rules);
		expect(x).toMatchObject({ reason: 'timeout', price: 100.5 });
		expect(x?.fill).toBeCloseTo(100.5 * 0.999, 12);
	});

	it('a level hit on the timeout day wins over the timeout', () => {
		expect(checkExit({ ...levels, daysHeld: 12 }, bar(100, 101, 98, 99), rules)?.reason).toBe('stop');
	});

	it('a reversal exits at the close unless a level was hit first', () => {
		const told = { ...rules, reversal: true };
		expect(checkExit(levels, bar(100, 101, 99, 99.5), told)).toMatchObject({
			reason: 'reversal',
			price: 99.5
		});
		expect(checkExit(levels, bar(100, 103.2, 99, 99.5), told)?.reason).toBe('target');
	});
});

describe('slippage and bad input', () => {
	it('slippage goes against the trader on both sides', () => {
		expect(slipped(100, 'buy', 25)).toBeCloseTo(100.25, 12);
		expect(slipped(100, 'sell', 25)).toBeCloseTo(99.75, 12);
	});

	it('refuses an inconsistent bar, inverted levels or a zero holding count, naming the field', () => {
		expect(() => checkExit(levels, bar(100, 99, 98, 99), rules)).toThrow(/bar\.high/);
		expect(() => checkExit(levels, bar(100, 101, 100.5, 101), rules)).toThrow(/bar\.low/);
		expect(() => checkExit(levels, bar(Number.NaN, 101, 99, 100), rules)).toThrow(/bar\.open/);
		expect(() => checkExit({ ...levels, stop: 104 }, bar(100, 101, 99, 100), rules)).toThrow(/stop/);
		expect(() => checkExit({ ...levels, daysHeld: 0 }, bar(100, 101, 99, 100), rules)).toThrow(/daysHeld/);
	});
});
