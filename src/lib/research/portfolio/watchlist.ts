/**
 * The watch list (issue 12): the user's REAL trades beside the paper ones. An entry moves watching → bought →
 * sold (the original's WATCHING / BOUGHT / SOLD of its SQL schema, §7.3, which its code never implemented).
 * Prices, dates and share counts are what the user typed; no slippage or cost is added (their broker's fill
 * already holds it). Plain JSON, parsed with {@link watchEntrySchema} when read back from storage.
 */
import { z } from 'zod';
import { isoDaySchema } from '../../domain/splits';
import { horizonSchema } from './settings';

export const WATCH_STATUSES = ['watching', 'bought', 'sold'] as const;
export type WatchStatus = (typeof WATCH_STATUSES)[number];

const fillSchema = (side: 'buy' | 'sell') =>
	z.object({
		date: isoDaySchema(`${side}.date`),
		price: z
			.number({ error: `${side}.price must be a number` })
			.positive({ error: `${side}.price must be above 0` })
			.refine(Number.isFinite, { error: `${side}.price must be finite` })
	});

export const watchEntrySchema = z
	.object({
		id: z.string().min(1).max(64),
		symbol: z.string().trim().min(1, { error: 'symbol is required' }).max(32),
		status: z.enum(WATCH_STATUSES, { error: `status must be one of ${WATCH_STATUSES.join(', ')}` }),
		addedDate: isoDaySchema('addedDate'),
		/** The recommendation this came from, when it did (its model and horizon, for the feedback). */
		recommendationId: z.string().max(128).optional(),
		modelId: z.string().max(128).optional(),
		horizon: horizonSchema.optional(),
		note: z.string().max(500, { error: 'note takes at most 500 characters' }).default(''),
		buy: fillSchema('buy')
			.extend({
				shares: z
					.number({ error: 'buy.shares must be a number' })
					.positive({ error: 'buy.shares must be above 0' })
			})
			.optional(),
		sell: fillSchema('sell').optional()
	})
	.superRefine((e, ctx) => {
		const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (e.status === 'watching' && (e.buy || e.sell))
			issue('status', 'a watched entry has no buy or sell yet');
		if (e.status !== 'watching' && !e.buy) issue('buy', `a ${e.status} entry needs its buy`);
		if (e.status === 'bought' && e.sell) issue('sell', 'a bought entry has no sell yet');
		if (e.status === 'sold' && !e.sell) issue('sell', 'a sold entry needs its sell');
		if (e.buy && e.buy.date < e.addedDate) issue('buy', 'buy.date is before the entry was added');
		if (e.buy && e.sell && e.sell.date < e.buy.date) issue('sell', 'sell.date is before buy.date');
	});
export type WatchEntry = z.infer<typeof watchEntrySchema>;
export type WatchEntryInput = z.input<typeof watchEntrySchema>;

/** A new watched entry (parsed: errors name the field). */
export function watch(input: Omit<WatchEntryInput, 'status' | 'buy' | 'sell'>): WatchEntry {
	return watchEntrySchema.parse({ ...input, status: 'watching' });
}

/** watching → bought. */
export function recordBuy(
	entry: WatchEntry,
	buy: { date: string; price: number; shares: number }
): WatchEntry {
	if (entry.status !== 'watching')
		throw new RangeError(`${entry.symbol} is ${entry.status}; only a watched entry can be bought`);
	return watchEntrySchema.parse({ ...entry, status: 'bought', buy });
}

/** bought → sold. */
export function recordSell(entry: WatchEntry, sell: { date: string; price: number }): WatchEntry {
	if (entry.status !== 'bought')
		throw new RangeError(`${entry.symbol} is ${entry.status}; only a bought entry can be sold`);
	return watchEntrySchema.parse({ ...entry, status: 'sold', sell });
}

export interface RealTradeOutcome {
	/** shares · (sell − buy). */
	readonly pnl: number;
	/** sell / buy − 1. */
	readonly tradeReturn: number;
	/** Calendar days from buy to sell (the user's dates need not be trading days). */
	readonly calendarDays: number;
}

/** The outcome of a sold entry; null for one still watched or held. */
export function realTradeOutcome(entry: WatchEntry): RealTradeOutcome | null {
	if (entry.status !== 'sold' || !entry.buy || !entry.sell) return null;
	const days =
		(Date.parse(`${entry.sell.date}T00:00:00Z`) - Date.parse(`${entry.buy.date}T00:00:00Z`)) / 86_400_000;
	return {
		pnl: entry.buy.shares * (entry.sell.price - entry.buy.price),
		tradeReturn: entry.sell.price / entry.buy.price - 1,
		calendarDays: Math.round(days)
	};
}
