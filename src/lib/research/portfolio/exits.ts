/**
 * The exit rules of a long paper position, one daily bar at a time (issue 12; original-system §7.3, which
 * compared one quote with the stop and the target and so could not see what happened inside a day).
 *
 * Order within a bar, first match wins:
 * 1. Gap at the open. open <= stop: stopped out at the open (gapRule 'open'; worse than the stop) or at the
 *    stop ('level'). open >= target: out at the open (better than the target) or at the target ('level').
 * 2. Both levels inside the bar's range (low <= stop and high >= target): a daily bar does not say which came
 *    first, so we assume the STOP did (conservative) and fill at the stop.
 * 3. low <= stop: at the stop.  4. high >= target: at the target.
 * 5. Timeout: once the position has been held `timeoutDays` trading days, at that day's close.
 * 6. Signal reversal (the caller says the model turned): at the close.
 * Every fill then pays slippage against the trader: a sell gets price · (1 − slippageBps / 10,000).
 *
 * The position is entered at a day's close (an end-of-day scan), so the first bar examined is the next trading
 * day's and the entry day's own range is never used (it happened before the entry).
 */
import { BPS_PER_UNIT, type GapRule } from './settings';

export interface DailyBar {
	/** ISO day, yyyy-mm-dd. */
	readonly date: string;
	readonly open: number;
	readonly high: number;
	readonly low: number;
	readonly close: number;
}

export const EXIT_REASONS = ['target', 'stop', 'timeout', 'reversal', 'manual'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export interface ExitLevels {
	readonly target: number;
	readonly stop: number;
	/** Trading days held INCLUDING the bar being checked (1 on the first bar after the entry day). */
	readonly daysHeld: number;
}

export interface ExitRules {
	readonly gapRule: GapRule;
	readonly slippageBps: number;
	readonly timeoutDays: number;
	/** The model's signal reversed on this bar: exit at the close unless a level was hit first. */
	readonly reversal?: boolean;
}

export interface ExitFill {
	readonly reason: ExitReason;
	/** The price the rule names (the open, the stop, the target or the close), before slippage. */
	readonly price: number;
	/** What the sell receives per share: price less slippage. */
	readonly fill: number;
	/** True when the bar opened beyond the level (rule 1). */
	readonly gap: boolean;
}

/** Throws a RangeError naming the field unless the bar is a finite, positive, consistent OHLC. */
export function assertBar(bar: DailyBar, where = 'bar'): void {
	for (const f of ['open', 'high', 'low', 'close'] as const) {
		if (!Number.isFinite(bar[f]) || bar[f] <= 0) {
			throw new RangeError(`${where}.${f} must be a positive number, got ${bar[f]}`);
		}
	}
	const top = Math.max(bar.open, bar.close);
	const bottom = Math.min(bar.open, bar.close);
	if (bar.high < top) throw new RangeError(`${where}.high (${bar.high}) is below its open or close`);
	if (bar.low > bottom) throw new RangeError(`${where}.low (${bar.low}) is above its open or close`);
}

/** price · (1 ∓ slippage): a buy pays more, a sell receives less. */
export function slipped(price: number, side: 'buy' | 'sell', slippageBps: number): number {
	const s = slippageBps / BPS_PER_UNIT;
	return side === 'buy' ? price * (1 + s) : price * (1 - s);
}

/** The exit of a long position on `bar`, or null when it stays open. */
export function checkExit(levels: ExitLevels, bar: DailyBar, rules: ExitRules): ExitFill | null {
	assertBar(bar);
	const { target, stop, daysHeld } = levels;
	if (!(stop > 0) || !(target > stop)) {
		throw new RangeError(`exit levels need 0 < stop < target, got stop ${stop} and target ${target}`);
	}
	if (!Number.isInteger(daysHeld) || daysHeld < 1) {
		throw new RangeError(`daysHeld must be a whole number >= 1, got ${daysHeld}`);
	}
	const out = (reason: ExitReason, price: number, gap = false): ExitFill => ({
		reason,
		price,
		fill: slipped(price, 'sell', rules.slippageBps),
		gap
	});
	const atOpen = rules.gapRule === 'open';
	if (bar.open <= stop) return out('stop', atOpen ? bar.open : stop, true);
	if (bar.open >= target) return out('target', atOpen ? bar.open : target, true);
	// Rules 2 and 3 in one test: a stop inside the range wins over a target inside it too.
	if (bar.low <= stop) return out('stop', stop);
	if (bar.high >= target) return out('target', target);
	if (daysHeld >= rules.timeoutDays) return out('timeout', bar.close);
	if (rules.reversal) return out('reversal', bar.close);
	return null;
}
