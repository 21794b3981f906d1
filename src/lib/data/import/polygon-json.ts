/**
 * A saved Polygon/Massive aggregates response (`/v2/aggs/ticker/…/range/…`, `results` of `{t,o,h,l,c,v}`)
 * imports like a saved FRED response: each bar is checked like a CSV row (its 1-based position in `results` is
 * its row number) and the valid ones become bars. `t` is kept exactly as Polygon sends it (epoch ms of the bar's
 * start), as the live client (polygon.ts) keeps it.
 */
import { z } from 'zod';
import type { RowErrorLog } from './report';
import { isoDate } from '../../domain/series';

const pageSchema = z.object({
	ticker: z.string().max(40).optional(),
	adjusted: z.boolean().optional(),
	status: z.string().max(40).optional(),
	results: z.array(z.unknown())
});

/** One bar as documented; unknown keys (vw, n, otc, a hostile __proto__) are dropped. */
const barSchema = z.object({
	t: z.number(),
	o: z.number(),
	h: z.number(),
	l: z.number(),
	c: z.number(),
	v: z.number().optional()
});

export type PolygonJsonResult =
	| {
			readonly ok: true;
			readonly ticker: string | null;
			readonly adjusted: boolean | null;
			readonly results: readonly unknown[];
	  }
	| { readonly ok: false; readonly message: string };

/** True when `json` looks like an aggregates response (an object with a `results` array). */
export function isPolygonAggs(json: unknown): boolean {
	return (
		typeof json === 'object' &&
		json !== null &&
		!Array.isArray(json) &&
		Object.hasOwn(json, 'results') &&
		Array.isArray((json as { results: unknown }).results)
	);
}

export function readPolygonAggs(json: unknown): PolygonJsonResult {
	const page = pageSchema.safeParse(json);
	if (!page.success) {
		const issue = page.error.issues[0];
		return {
			ok: false,
			message: `This Polygon/Massive response does not have the documented aggregates shape (${issue.path.join('.') || 'the response'}: ${issue.message}).`
		};
	}
	return {
		ok: true,
		ticker: page.data.ticker ?? null,
		adjusted: page.data.adjusted ?? null,
		results: page.data.results
	};
}

export interface PolygonBarSink {
	add(row: number, t: number, values: number[]): void;
}

/**
 * Earliest and latest plausible bar times. A `t` in seconds instead of ms lands before 1970-03-26 (the seconds of
 * 2200 are 7.3e9), and Polygon has no bars from 1970, so anything before 1971 is a unit mistake.
 */
const MIN_T_MS = Date.UTC(1971, 0, 1);
const MAX_T_MS = Date.UTC(2200, 0, 1);

/** Checks every bar and hands the valid ones to `sink` as [open, high, low, close, volume]; returns the skipped count. */
export function collectPolygonBars(
	results: readonly unknown[],
	nowMs: number,
	log: RowErrorLog,
	sink: PolygonBarSink
): number {
	let skipped = 0;
	results.forEach((raw, i) => {
		const row = i + 1;
		const bar = barSchema.safeParse(raw);
		if (!bar.success) {
			const issue = bar.error.issues[0];
			const field = String(issue.path[0] ?? 'bar');
			const present = typeof raw === 'object' && raw !== null && Object.hasOwn(raw, field);
			const code = present ? 'bad_number' : 'missing_value';
			log.add(
				row,
				field,
				code,
				`bar ${row}: ${field} ${code === 'missing_value' ? 'is missing' : 'is not a number'}`
			);
			skipped++;
			return;
		}
		const { t, o, h, l, c, v } = bar.data;
		if (!Number.isInteger(t) || t < MIN_T_MS || t > MAX_T_MS) {
			log.add(row, 't', 'bad_date', `bar ${row}: t ${t} is not a time in epoch milliseconds`);
			skipped++;
			return;
		}
		if (t > nowMs) {
			log.add(row, 't', 'future_date', `bar ${row}: ${isoDate(t)} is in the future (look-ahead)`);
			skipped++;
			return;
		}
		if (v === undefined) {
			// Indices (I:SPX) have no volume; a bar needs one, and inventing 0 would be a guess.
			log.add(row, 'v', 'missing_value', `bar ${row}: v (volume) is not reported`);
			skipped++;
			return;
		}
		sink.add(row, t, [o, h, l, c, v]);
	});
	return skipped;
}
