/**
 * The paper portfolio as stored (schema v8): its whole state (research/portfolio/state.ts) with the data series
 * each position's symbol is marked with, and every event a step produced, in order.
 */
import { z } from 'zod';
import { portfolioStateSchema } from '../research/portfolio/state';

export const portfolioRecordSchema = z.object({
	id: z.string().min(1),
	state: portfolioStateSchema,
	/** The stored series (seriesKey) each symbol is marked to market with: its latest version's bars. */
	sources: z.record(z.string(), z.string()),
	/**
	 * The stored series (seriesKey) drawn as the benchmark line: absent = never chosen (SPY when one is stored),
	 * null = none. Optional: records stored before it parse unchanged.
	 */
	benchmark: z.string().nullable().optional(),
	createdAt: z.number(),
	updatedAt: z.number()
});
export type PortfolioRecord = z.infer<typeof portfolioRecordSchema>;

export const portfolioEventRecordSchema = z.object({
	seq: z.number().int().optional(),
	portfolioId: z.string(),
	/** When the step ran (epoch ms); the event's own `date` is the trading day it concerns. */
	at: z.number(),
	event: z.record(z.string(), z.unknown())
});
export type PortfolioEventRecord = z.infer<typeof portfolioEventRecordSchema>;
