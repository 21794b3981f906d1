/**
 * The paper portfolio's state: plain JSON (strings and numbers only), so it is stored in IndexedDB as is and
 * parsed with {@link portfolioStateSchema} when read back. ledger.ts turns one state into the next; nothing here
 * mutates.
 *
 * Money convention: `cash` is what is left after every fill and every cost; a position is marked at its last
 * close (`lastPrice`, no slippage or exit cost deducted), so equity = cash + Σ shares · lastPrice exactly.
 */
import { z } from 'zod';
import { isoDaySchema } from '../../domain/splits';
import { EXIT_REASONS } from './exits';
import { horizonSchema, portfolioSettingsSchema, type PortfolioSettingsInput } from './settings';

export const PORTFOLIO_STATE_VERSION = 1;

const money = (field: string) =>
	z
		.number({ error: `${field} must be a number` })
		.refine(Number.isFinite, { error: `${field} must be finite` });
const price = (field: string) =>
	z.number({ error: `${field} must be a number` }).positive({ error: `${field} must be > 0` });

export const positionSchema = z.object({
	id: z.string().min(1).max(64),
	symbol: z.string().min(1).max(32),
	horizon: horizonSchema,
	/** The promoted model (trial or study id) whose recommendation this is. */
	modelId: z.string().min(1).max(128),
	recommendationId: z.string().max(128).optional(),
	/** The day of the close the position was bought at; that day's own bar is never used for exits. */
	entryDate: isoDaySchema('entryDate'),
	/** The quoted entry price (before slippage). */
	entryPrice: price('entryPrice'),
	/** What each share cost: entryPrice plus slippage. */
	entryFill: price('entryFill'),
	shares: z.number().int().min(1, { error: 'shares must be at least 1' }),
	/** costBps of shares · entryFill, paid on entry. */
	entryCost: money('entryCost').pipe(z.number().min(0)),
	target: price('target'),
	stop: price('stop'),
	/** Last close seen (entryPrice until the first bar after the entry day) and its day. */
	lastPrice: price('lastPrice'),
	lastDate: isoDaySchema('lastDate'),
	/** Trading days held: bars of this symbol seen after the entry day. */
	daysHeld: z.number().int().min(0)
});
export type Position = z.infer<typeof positionSchema>;

export const closedTradeSchema = positionSchema.extend({
	exitDate: isoDaySchema('exitDate'),
	exitReason: z.enum(EXIT_REASONS),
	/** The price the exit rule named (before slippage). */
	exitPrice: price('exitPrice'),
	/** What each share was sold for: exitPrice less slippage. */
	exitFill: price('exitFill'),
	exitCost: money('exitCost').pipe(z.number().min(0)),
	/** True when the exit filled at a gapped open. */
	gap: z.boolean(),
	/** shares · exitFill − exitCost − (shares · entryFill + entryCost): net of slippage and both costs. */
	pnl: money('pnl'),
	/** pnl / (shares · entryFill + entryCost), a fraction (0.03 = 3 %). */
	tradeReturn: money('tradeReturn')
});
export type ClosedTrade = z.infer<typeof closedTradeSchema>;

/** The portfolio at one day's close: one point per trading day marked, the first at creation. */
export const equityPointSchema = z.object({
	date: isoDaySchema('curve.date'),
	equity: money('curve.equity'),
	cash: money('curve.cash'),
	/** Positions that carried market risk during the day (bought before it), including those closed on it. */
	held: z.number().int().min(0)
});
export type EquityPoint = z.infer<typeof equityPointSchema>;

export const portfolioStateSchema = z
	.object({
		version: z.literal(PORTFOLIO_STATE_VERSION),
		settings: portfolioSettingsSchema,
		cash: money('cash').pipe(z.number().min(0, { error: 'cash cannot be negative' })),
		positions: z.array(positionSchema),
		closed: z.array(closedTradeSchema),
		curve: z.array(equityPointSchema).min(1, { error: 'curve needs its starting point' }),
		/** The last day marked (or the creation day). */
		asOf: isoDaySchema('asOf'),
		/** The number of the next position id (p1, p2, …): ids are never reused. */
		nextId: z.number().int().min(1)
	})
	.superRefine((s, ctx) => {
		if (s.positions.length > s.settings.maxPositions)
			ctx.addIssue({ code: 'custom', path: ['positions'], message: 'more open positions than maxPositions' });
	});
export type PortfolioState = z.infer<typeof portfolioStateSchema>;

/** A new portfolio holding only cash, its curve starting on `startDate` at the initial capital. */
export function createPortfolio(settings: PortfolioSettingsInput, startDate: string): PortfolioState {
	const parsed = portfolioSettingsSchema.parse(settings);
	return portfolioStateSchema.parse({
		version: PORTFOLIO_STATE_VERSION,
		settings: parsed,
		cash: parsed.initialCapital,
		positions: [],
		closed: [],
		curve: [{ date: startDate, equity: parsed.initialCapital, cash: parsed.initialCapital, held: 0 }],
		asOf: startDate,
		nextId: 1
	});
}

/** Parses a stored state (throws a ZodError naming the field when it is not one). */
export function parsePortfolioState(raw: unknown): PortfolioState {
	return portfolioStateSchema.parse(raw);
}

/** cash + Σ shares · lastPrice. */
export function equityOf(state: Pick<PortfolioState, 'cash' | 'positions'>): number {
	let equity = state.cash;
	for (const p of state.positions) equity += p.shares * p.lastPrice;
	return equity;
}
