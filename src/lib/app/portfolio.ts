/**
 * The paper portfolio in IndexedDB (issue 12): one portfolio ('paper'), its state replaced as a whole by each
 * step of the ledger (research/portfolio/ledger.ts) in ONE transaction with the step's events and audit entries,
 * so a reload or a crash never loses half a step. Positions are opened at the last close of a stored series (a
 * paper trade of an idea: the user's own, or — once the scanner exists — a recommendation's) and marked to market
 * with the bars of that series' newest version that come after the portfolio's last mark: each trading day once,
 * in date order, exits by the ledger's rules (target, stop with the gap rule, timeout).
 */
import { liveQuery, type Observable } from 'dexie';
import type { MlTrainerDb } from '../db/database';
import {
	portfolioEventRecordSchema,
	portfolioRecordSchema,
	type PortfolioRecord
} from '../db/portfolio-records';
import { appendAudit } from '../db/audit-log';
import { isoDate } from '../domain/series';
import type { DailyBar } from '../research/portfolio/exits';
import {
	closePosition,
	markToMarket,
	openPosition,
	type LedgerStep,
	type PortfolioEvent
} from '../research/portfolio/ledger';
import type { Horizon, PortfolioSettingsInput } from '../research/portfolio/settings';
import { createPortfolio } from '../research/portfolio/state';
import { latestVersion } from './dataset-versions';
import { db as appDb } from './db';

export const PAPER_ID = 'paper';

export class PortfolioError extends Error {
	readonly code: 'no_portfolio' | 'no_data' | 'refused' | 'symbol_taken' | 'stale_data';
	constructor(code: PortfolioError['code'], message: string) {
		super(message);
		this.name = 'PortfolioError';
		this.code = code;
	}
}

export async function readPortfolio(db: MlTrainerDb): Promise<PortfolioRecord | null> {
	const raw = await db.portfolios.get(PAPER_ID);
	return raw ? portfolioRecordSchema.parse(raw) : null;
}

export function watchPortfolio(db: MlTrainerDb): Observable<PortfolioRecord | null> {
	return liveQuery(() => readPortfolio(db));
}

/** A new portfolio (replacing any), all cash, starting today. */
export async function resetPortfolio(
	db: MlTrainerDb,
	settings: PortfolioSettingsInput,
	now = Date.now()
): Promise<PortfolioRecord> {
	const record = portfolioRecordSchema.parse({
		id: PAPER_ID,
		state: createPortfolio(settings, isoDate(now)),
		sources: {},
		createdAt: now,
		updatedAt: now
	});
	await db.transaction('rw', db.portfolios, db.portfolioEvents, db.audit, async () => {
		// The benchmark is the user's choice of comparison, not part of the book: it survives a restart.
		const old = await db.portfolios.get(PAPER_ID);
		if (old?.benchmark !== undefined) record.benchmark = old.benchmark;
		await db.portfolioEvents.where('portfolioId').equals(PAPER_ID).delete();
		await db.portfolios.put(record);
		await appendAudit(
			db,
			{
				type: 'portfolio.created',
				subject: PAPER_ID,
				summary: `Paper portfolio started with ${record.state.settings.initialCapital} in cash`,
				detail: { settings: record.state.settings }
			},
			now
		);
	});
	return record;
}

/** Stores a step: the new state, its events and one audit entry per opened or closed position. */
async function commit(
	db: MlTrainerDb,
	before: PortfolioRecord,
	step: LedgerStep,
	sources: Record<string, string>,
	now: number
): Promise<void> {
	await db.transaction('rw', db.portfolios, db.portfolioEvents, db.audit, async () => {
		const current = await db.portfolios.get(PAPER_ID);
		// Another tab stepped first: this step was computed from an older state and would undo its work.
		if (!current || current.updatedAt !== before.updatedAt)
			throw new PortfolioError('stale_data', 'the portfolio changed in another tab: try again');
		await db.portfolios.put(
			portfolioRecordSchema.parse({ ...before, state: step.state, sources, updatedAt: now })
		);
		for (const e of step.events) {
			await db.portfolioEvents.add(
				portfolioEventRecordSchema.parse({ portfolioId: PAPER_ID, at: now, event: { ...e } })
			);
			if (e.kind !== 'refused')
				await appendAudit(
					db,
					{ type: 'portfolio.trade', subject: e.symbol, summary: eventText(e), detail: { ...e } },
					now
				);
		}
	});
}

/** One line for an event, as the audit and the page show it. */
export function eventText(e: PortfolioEvent): string {
	if (e.kind === 'opened')
		return `Opened ${e.shares} ${e.symbol} (${e.horizon}) at ${e.fill.toFixed(2)} on ${e.date}`;
	if (e.kind === 'closed')
		return `Closed ${e.symbol} (${e.horizon}) on ${e.date} by ${e.reason}${e.gap ? ' (gap)' : ''} at ${e.fill.toFixed(2)}: P&L ${e.pnl.toFixed(2)} (${(e.tradeReturn * 100).toFixed(2)} %)`;
	return `Refused ${e.symbol} on ${e.date}: ${e.message}`;
}

export interface PaperOrder {
	/** The stored series whose newest version's last close the position is bought at. */
	readonly seriesKey: string;
	readonly horizon: Horizon;
	/** Target and stop as fractions of the entry price: +0.03 and −0.015 = the original's 7–12-day rule. */
	readonly targetPct: number;
	readonly stopPct: number;
	/** Who proposed it: 'manual' or a promoted model's id. */
	readonly modelId?: string;
}

/** Opens a paper position at the series' last close; throws a PortfolioError with the reason when refused. */
export async function openPaper(
	db: MlTrainerDb,
	order: PaperOrder,
	now = Date.now()
): Promise<PortfolioEvent> {
	const record = await readPortfolio(db);
	if (!record) throw new PortfolioError('no_portfolio', 'start the paper portfolio first');
	const ds = await latestVersion(db, order.seriesKey);
	if (!ds || ds.bars.t.length === 0)
		throw new PortfolioError('no_data', `no stored bars for ${order.seriesKey}`);
	const symbol = ds.symbol.slice(0, 32);
	const taken =
		record.state.positions.some((p) => p.symbol === symbol) && record.sources[symbol] !== ds.seriesKey;
	if (taken)
		throw new PortfolioError(
			'symbol_taken',
			`${symbol} is already held from another series (${record.sources[symbol]}); close that position first`
		);
	const last = ds.bars.t.length - 1;
	const date = isoDate(ds.bars.t[last]);
	// A portfolio that has done nothing yet starts on its first trade's day (it was created today, and stored
	// bars end on an earlier close).
	const s = record.state;
	const pristine = s.positions.length === 0 && s.closed.length === 0 && s.curve.length === 1;
	const state = pristine && date < s.asOf ? createPortfolio(s.settings, date) : s;
	if (date < state.asOf)
		throw new PortfolioError(
			'stale_data',
			`${ds.name}'s last bar (${date}) is older than the portfolio's last mark (${record.state.asOf}): refresh the series first`
		);
	const price = ds.bars.close[last];
	const step = openPosition(state, {
		symbol,
		horizon: order.horizon,
		modelId: order.modelId ?? 'manual',
		date,
		price,
		target: price * (1 + order.targetPct),
		stop: price * (1 + order.stopPct)
	});
	const event = step.events[0];
	if (event.kind === 'refused') throw new PortfolioError('refused', event.message);
	await commit(db, record, step, { ...record.sources, [symbol]: ds.seriesKey }, now);
	return event;
}

/**
 * Marks the portfolio with every trading day after its last mark that the held series' newest versions have, up
 * to the last day ALL of them have reached: the union of their dates, ascending, each day with the bars of the
 * symbols that have it. Returns the events.
 */
export async function markPaper(db: MlTrainerDb, now = Date.now()): Promise<PortfolioEvent[]> {
	const record = await readPortfolio(db);
	if (!record) throw new PortfolioError('no_portfolio', 'start the paper portfolio first');
	const symbols = [...new Set(record.state.positions.map((p) => p.symbol))];
	const byDate = new Map<string, Record<string, DailyBar>>();
	const loaded = [];
	for (const symbol of symbols) {
		const ds = await latestVersion(db, record.sources[symbol] ?? symbol);
		if (ds && ds.bars.t.length > 0) loaded.push({ symbol, bars: ds.bars });
	}
	// Only through the day every held series has reached: a series fetched later must not find the portfolio
	// already marked past days it has bars for (a universe is fetched one symbol at a time).
	const through = loaded.reduce((d, x) => {
		const last = isoDate(x.bars.t[x.bars.t.length - 1]);
		return last < d ? last : d;
	}, '9999-12-31');
	for (const { symbol, bars: b } of loaded) {
		for (let i = 0; i < b.t.length; i++) {
			const date = isoDate(b.t[i]);
			if (date <= record.state.asOf || date > through) continue;
			const day = byDate.get(date) ?? {};
			day[symbol] = { date, open: b.open[i], high: b.high[i], low: b.low[i], close: b.close[i] };
			byDate.set(date, day);
		}
	}
	if (byDate.size === 0) return [];
	let state = record.state;
	const events: PortfolioEvent[] = [];
	for (const date of [...byDate.keys()].sort()) {
		const step = markToMarket(state, date, byDate.get(date) as Record<string, DailyBar>);
		state = step.state;
		events.push(...step.events);
	}
	await commit(db, record, { state, events }, record.sources, now);
	return events;
}

/** Closes a position at its last marked close: the user's own exit, or the model turning (a reversal). */
export async function closePaper(
	db: MlTrainerDb,
	positionId: string,
	now = Date.now(),
	reason: 'manual' | 'reversal' = 'manual'
): Promise<PortfolioEvent> {
	const record = await readPortfolio(db);
	if (!record) throw new PortfolioError('no_portfolio', 'start the paper portfolio first');
	const p = record.state.positions.find((x) => x.id === positionId);
	if (!p) throw new PortfolioError('refused', `${positionId} is not an open position`);
	const date = p.lastDate < record.state.asOf ? record.state.asOf : p.lastDate;
	const step = closePosition(record.state, positionId, date, p.lastPrice, reason);
	await commit(db, record, step, record.sources, now);
	return step.events[0];
}

/** The stored events, newest first. */
export async function portfolioEvents(db: MlTrainerDb): Promise<PortfolioEvent[]> {
	const rows = await db.portfolioEvents.where('portfolioId').equals(PAPER_ID).reverse().sortBy('seq');
	return rows.map((r) => portfolioEventRecordSchema.parse(r).event as unknown as PortfolioEvent);
}

/** The app's paper portfolio, bound to the app's database (what the page calls). */
export const paper = {
	watch: () => watchPortfolio(appDb),
	events: () => liveQuery(() => portfolioEvents(appDb)),
	reset: (settings: PortfolioSettingsInput) => resetPortfolio(appDb, settings),
	open: (order: PaperOrder) => openPaper(appDb, order),
	mark: () => markPaper(appDb),
	close: (positionId: string) => closePaper(appDb, positionId)
};
