/**
 * FRED's two file shapes (reference B.11: FRED sends no CORS headers, so its data arrives as files or through a
 * user's relay):
 * - the CSV downloaded from a series page: header `observation_date,<SERIES_ID>` (older downloads `DATE,<ID>`),
 *   "." or an empty cell for a missing observation;
 * - the JSON of the API's `fred/series/observations` (saved to a file, or fetched through the relay), with
 *   values as strings and "." for missing.
 * Both become a values series through the same checks as any other import.
 */
import { z } from 'zod';
import { parseDateCell } from './dates';
import { parseStrictNumber } from './numbers';
import { quoteCell, type RowErrorLog } from './report';
import type { FredFrequency } from './types';

/** FRED series ids: upper-case letters, digits and underscores (e.g. DGS10, CPIAUCSL, T10Y2Y). */
export const FRED_SERIES_ID_PATTERN = /^[A-Z0-9_]{1,40}$/;

export function isFredSeriesId(id: string): boolean {
	return FRED_SERIES_ID_PATTERN.test(id);
}

/** The date header of FRED's CSV download, current and older. */
const FRED_DATE_HEADERS = new Set(['observation_date', 'DATE']);

/** The series id when `headers` are those of a FRED CSV download, else null. */
export function fredCsvSeriesId(headers: readonly string[]): string | null {
	if (headers.length !== 2) return null;
	const [date, id] = headers.map((h) => h.trim());
	return FRED_DATE_HEADERS.has(date) && isFredSeriesId(id) ? id : null;
}

/** A series id from a file name like "PAYEMS.json" or "DGS10 (1).csv"; null for "fredgraph.csv". */
export function seriesIdFromFileName(fileName: string): string | null {
	const base = fileName.split(/[\\/]/).pop() ?? '';
	const stem = base.replace(/(\s*\(\d+\))?\.[A-Za-z0-9.]+$/, '');
	return isFredSeriesId(stem) && stem !== 'FREDGRAPH' ? stem : null;
}

const observationSchema = z.object({
	realtime_start: z.string().optional(),
	realtime_end: z.string().optional(),
	date: z.string().max(40),
	value: z.string().max(100)
});

/**
 * The documented `fred/series/observations` JSON. Unknown keys are dropped (z.object strips them), so a hostile
 * `__proto__` key in the file never reaches an object we build.
 */
export const fredObservationsSchema = z.object({
	realtime_start: z.string().optional(),
	realtime_end: z.string().optional(),
	observation_start: z.string().optional(),
	observation_end: z.string().optional(),
	units: z.string().optional(),
	output_type: z.number().optional(),
	file_type: z.string().optional(),
	order_by: z.string().optional(),
	sort_order: z.string().optional(),
	count: z.number().optional(),
	offset: z.number().optional(),
	limit: z.number().optional(),
	observations: z.array(observationSchema)
});
export type FredObservations = z.infer<typeof fredObservationsSchema>;

/** The documented `fred/series` JSON (only the fields we use are required). */
export const fredSeriesInfoSchema = z.object({
	seriess: z
		.array(
			z.object({
				id: z.string(),
				title: z.string(),
				frequency: z.string(),
				frequency_short: z.string().optional(),
				units: z.string(),
				units_short: z.string().optional(),
				seasonal_adjustment: z.string().optional(),
				observation_start: z.string().optional(),
				observation_end: z.string().optional(),
				last_updated: z.string().optional()
			})
		)
		.min(1)
});

export type FredJsonResult =
	| { readonly ok: true; readonly observations: FredObservations['observations'] }
	| { readonly ok: false; readonly code: 'unsupported_json' | 'bad_fred_json'; readonly message: string };

/** Reads a saved or fetched observations response; anything else is refused with a reason. */
export function readFredObservationsJson(text: string): FredJsonResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return {
			ok: false,
			code: 'bad_fred_json',
			message:
				'The file starts like JSON but is not valid JSON (it may be cut short). Save the response again.'
		};
	}
	if (
		typeof json !== 'object' ||
		json === null ||
		Array.isArray(json) ||
		!Object.hasOwn(json, 'observations')
	) {
		return {
			ok: false,
			code: 'unsupported_json',
			message:
				'This JSON file is not a FRED series/observations response. Import a CSV, or the JSON FRED returns for series/observations with file_type=json.'
		};
	}
	const parsed = fredObservationsSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue.path.join('.') || 'the response';
		return {
			ok: false,
			code: 'bad_fred_json',
			message: `This FRED response does not have the documented shape (${where}: ${issue.message}).`
		};
	}
	return { ok: true, observations: parsed.data.observations };
}

export interface FredRowSink {
	add(row: number, t: number, value: number): void;
}

/**
 * Checks each observation like a CSV row (strict date and number, "." as missing_value, future dates refused)
 * and hands the valid ones to `sink`. Row numbers are 1-based positions in `observations`.
 */
export function collectFredObservations(
	observations: FredObservations['observations'],
	nowMs: number,
	log: RowErrorLog,
	sink: FredRowSink
): number {
	let skipped = 0;
	for (let i = 0; i < observations.length; i++) {
		const row = i + 1;
		const { date, value } = observations[i];
		const d = parseDateCell(date, 'YYYY-MM-DD');
		const v = parseStrictNumber(value, '.');
		let bad = false;
		if (!d.ok) {
			log.add(row, 'date', 'bad_date', `observation ${row}: ${d.reason}`);
			bad = true;
		} else if (d.t > nowMs) {
			log.add(row, 'date', 'future_date', `observation ${row}: ${date} is in the future (look-ahead)`);
			bad = true;
		}
		if (!v.ok) {
			const shown = v.code === 'missing_value' ? '' : ` (${quoteCell(value)})`;
			log.add(row, 'value', v.code, `observation ${row}: ${v.reason}${shown}`);
			bad = true;
		}
		if (bad) skipped++;
		else if (d.ok && v.ok) sink.add(row, d.t, v.value);
	}
	return skipped;
}

const DAY_MS = 86_400_000;

/** The series' frequency from the median spacing of its dates (FRED's own label is used when known). */
export function inferFrequency(t: Float64Array): FredFrequency {
	if (t.length < 2) return 'irregular';
	const gaps = new Float64Array(t.length - 1);
	for (let i = 1; i < t.length; i++) gaps[i - 1] = (t[i] - t[i - 1]) / DAY_MS;
	gaps.sort();
	const mid = gaps.length >> 1;
	const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
	// Business-day series have median gap 1 (weekends move only the mean); months are 28–31 days.
	if (median >= 1 && median <= 4) return 'daily';
	if (median >= 6 && median <= 8) return 'weekly';
	if (median >= 27 && median <= 32) return 'monthly';
	if (median >= 88 && median <= 93) return 'quarterly';
	if (median >= 364 && median <= 367) return 'annual';
	return 'irregular';
}

/** FRED's `frequency_short` codes (D, W, BW, M, Q, SA, A) mapped to ours; null when FRED says something else. */
export function fredFrequencyFromShort(short: string | undefined): FredFrequency | null {
	switch (short) {
		case 'D':
			return 'daily';
		case 'W':
			return 'weekly';
		case 'M':
			return 'monthly';
		case 'Q':
			return 'quarterly';
		case 'A':
			return 'annual';
		default:
			return null;
	}
}
