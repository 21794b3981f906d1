/**
 * The zod schemas of Polygon.io / Massive responses that polygon.ts reads. They are loose objects: Polygon adds
 * fields over time, and we read only these.
 */
import { z } from 'zod';

const price = z.number().positive().finite();

const aggBarSchema = z.object({
	t: z.number().int(),
	o: price,
	h: price,
	l: price,
	c: price,
	v: z.number().nonnegative().finite().optional(),
	vw: z.number().optional(),
	n: z.number().optional()
});

export const aggsPageSchema = z.object({
	ticker: z.string().optional(),
	adjusted: z.boolean().optional(),
	queryCount: z.number().int().nonnegative().optional(),
	resultsCount: z.number().int().nonnegative(),
	// Polygon leaves `results` out entirely when there are none.
	results: z.array(aggBarSchema).optional(),
	status: z.enum(['OK', 'DELAYED']),
	request_id: z.string().optional(),
	count: z.number().int().nonnegative().optional(),
	next_url: z.string().optional()
});

const tickerSchema = z.object({
	ticker: z.string(),
	name: z.string(),
	market: z.string(),
	locale: z.string(),
	primary_exchange: z.string().optional(),
	type: z.string().optional(),
	active: z.boolean(),
	currency_name: z.string().optional()
});

export const tickersPageSchema = z.object({
	results: z.array(tickerSchema).optional(),
	status: z.enum(['OK', 'DELAYED']),
	request_id: z.string().optional(),
	count: z.number().int().nonnegative().optional(),
	next_url: z.string().optional()
});

export const errorBodySchema = z.object({
	status: z.enum(['ERROR', 'NOT_AUTHORIZED', 'NOT_FOUND']),
	request_id: z.string().optional(),
	error: z.string().optional(),
	message: z.string().optional()
});

/** One aggregates bar as Polygon sends it: t (epoch ms, bar start), o h l c, and v only when reported. */
export type AggBar = z.infer<typeof aggBarSchema>;
