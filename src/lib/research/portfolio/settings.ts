/**
 * Settings of the paper portfolio (issue 12; original-system §7.3). Defaults are the original's values where it
 * had one; costs and slippage are ours (the original charged none). Parsed, never cast, at every boundary: the
 * object is plain JSON so it is stored in IndexedDB as is.
 *
 * One difference from the original, on purpose: a position is sized on 5 % of current EQUITY (cash + open
 * positions at their last price), as issue 12 asks, not 5 % of current cash (§7.3), which shrinks every new
 * position as the book fills up.
 */
import { z } from 'zod';

/** The two holding horizons of the recommendations (§6.7, §7.3): 7–12 trading days and 50–70 trading days. */
export const HORIZONS = ['short', 'long'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const HORIZON_LABELS: Readonly<Record<Horizon, string>> = { short: '7–12 days', long: '50–70 days' };

export const horizonSchema = z.enum(HORIZONS, { error: `horizon must be one of ${HORIZONS.join(', ')}` });

/**
 * How a bar that OPENS beyond a stop or target fills.
 * - `open`: at the open, which is worse than the stop and better than the target: what a resting stop order
 *   actually gets after a gap (the realistic default).
 * - `level`: at the stop or target price itself, as if the order had been filled at its level: optimistic
 *   through a stop; kept only to show how much the gap rule matters.
 */
export const GAP_RULES = ['open', 'level'] as const;
export type GapRule = (typeof GAP_RULES)[number];

export const MAX_PORTFOLIO_POSITIONS = 200;
/** Costs and slippage above 10 % a side are a typing mistake, not a market. */
export const MAX_PORTFOLIO_BPS = 1_000;
/** The longest timeout accepted: two years of trading days. */
export const MAX_TIMEOUT_DAYS = 504;

const bps = (field: string) =>
	z
		.number({ error: `${field} must be a number of basis points` })
		.min(0, { error: `${field} cannot be negative` })
		.max(MAX_PORTFOLIO_BPS, { error: `${field} must be at most ${MAX_PORTFOLIO_BPS} bps` });

const timeout = (field: string, fallback: number) =>
	z
		.number({ error: `${field} must be a whole number of trading days` })
		.int({ error: `${field} must be a whole number of trading days` })
		.min(1, { error: `${field} must be at least 1 trading day` })
		.max(MAX_TIMEOUT_DAYS, { error: `${field} must be at most ${MAX_TIMEOUT_DAYS} trading days` })
		.default(fallback);

export const portfolioSettingsSchema = z.object({
	/** Starting cash in account currency (§7.3: $100,000). */
	initialCapital: z
		.number({ error: 'initialCapital must be a number' })
		.min(1, { error: 'initialCapital must be at least 1' })
		.max(1e12, { error: 'initialCapital must be at most 1e12' })
		.default(100_000),
	/** Open positions at most (§7.3: 20); an open beyond it is refused. */
	maxPositions: z
		.number({ error: 'maxPositions must be a whole number' })
		.int({ error: 'maxPositions must be a whole number' })
		.min(1, { error: 'maxPositions must be at least 1' })
		.max(MAX_PORTFOLIO_POSITIONS, { error: `maxPositions must be at most ${MAX_PORTFOLIO_POSITIONS}` })
		.default(20),
	/** Target value of a new position as a fraction of current equity (cash + positions at mark); 0.05 = 5 %. */
	positionFraction: z
		.number({ error: 'positionFraction must be a number' })
		.gt(0, { error: 'positionFraction must be above 0' })
		.max(1, { error: 'positionFraction must be at most 1 (100 % of equity)' })
		.default(0.05),
	/** Commission and fees, charged on the traded value of every entry and every exit. */
	costBps: bps('costBps').default(5),
	/** Price slippage against the trader: buys fill this much above the price, sells this much below. */
	slippageBps: bps('slippageBps').default(5),
	/** Close at the close of this many trading days held (§7.3: 12 for 7–12 days, 70 for 50–70 days). */
	timeoutDays: z
		.object({ short: timeout('timeoutDays.short', 12), long: timeout('timeoutDays.long', 70) })
		.default({ short: 12, long: 70 }),
	gapRule: z.enum(GAP_RULES, { error: `gapRule must be one of ${GAP_RULES.join(', ')}` }).default('open'),
	/** Open the top N recommendations of each scan automatically (§7.3 did 5); 0 turns it off. */
	autoOpenTopN: z
		.number({ error: 'autoOpenTopN must be a whole number' })
		.int({ error: 'autoOpenTopN must be a whole number' })
		.min(0, { error: 'autoOpenTopN cannot be negative' })
		.max(MAX_PORTFOLIO_POSITIONS, { error: `autoOpenTopN must be at most ${MAX_PORTFOLIO_POSITIONS}` })
		.default(0)
});

export type PortfolioSettings = z.infer<typeof portfolioSettingsSchema>;
export type PortfolioSettingsInput = z.input<typeof portfolioSettingsSchema>;

/** The defaults, parsed from an empty object so they cannot drift from the schema. */
export function defaultPortfolioSettings(): PortfolioSettings {
	return portfolioSettingsSchema.parse({});
}

/** Basis points per unit: 10,000 bps = 100 %. */
export const BPS_PER_UNIT = 10_000;
