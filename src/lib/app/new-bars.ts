/**
 * What follows a new version of a series (a Polygon fetch, a file import): the paper portfolio is marked to
 * market with the new bars when it holds a position, and the recommendations whose horizon the new bars reach get
 * their outcomes. Neither may fail the fetch that stored the bars: a problem is logged and shown where it belongs
 * (the Portfolio page marks again on its visit; the Feedback page resolves outcomes on its visit).
 */
import type { MlTrainerDb } from '../db/database';
import type { PortfolioEvent } from '../research/portfolio/ledger';
import { logger } from '../security/logger';
import { markPaper, readPortfolio } from './portfolio';
import { resolveOutcomes } from './recommendation-outcomes';

export interface AfterNewBars {
	/** Exits and marks the portfolio made; empty when it holds nothing. */
	readonly portfolio: PortfolioEvent[];
	/** Recommendations that got an outcome. */
	readonly resolved: number;
}

export async function afterNewBars(db: MlTrainerDb, now = Date.now()): Promise<AfterNewBars> {
	let portfolio: PortfolioEvent[] = [];
	let resolved = 0;
	try {
		const p = await readPortfolio(db);
		if (p && p.state.positions.length > 0) portfolio = await markPaper(db, now);
	} catch (e) {
		logger.warn('the paper portfolio could not be marked with the new bars', e);
	}
	try {
		resolved = (await resolveOutcomes(db, now)).resolved;
	} catch (e) {
		logger.warn('recommendation outcomes could not be resolved', e);
	}
	return { portfolio, resolved };
}
