/**
 * A local stand-in for a user's FRED relay (and FRED behind it), for unit and end-to-end tests. It serves real
 * data only: series PAYEMS ("All Employees, Total Nonfarm", thousands of persons, seasonally adjusted) from the
 * BLS monthly total nonfarm employment in vega-datasets `data/us-employment.csv`, 2006-01 … 2015-12, as
 * downloaded by vega on 2018-11-11 — hence that date as the real-time period. Other ids get FRED's own 400.
 *
 * Like a relay, it takes the key from the `X-Fred-Api-Key` header (a relay appends it as `api_key` when it
 * forwards). An `api_key` in the query string is refused: our rule is that keys never travel in URLs.
 *
 * CLI: `npx tsx tests/mocks/fred-relay.ts` listens on $PORT (default 4182) and prints its origin.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isMain, listenOnLoopback, serveFromCli } from './cli';

export const MOCK_FRED_DEFAULT_PORT = 4182;
export const MOCK_FRED_SERIES_ID = 'PAYEMS';
/** How long a browser may cache the preflight answer. */
const PREFLIGHT_MAX_AGE_S = 600;
/** FRED's default and maximum `limit` for series/observations. */
const FRED_MAX_LIMIT = 100_000;
/** The day vega-datasets downloaded the BLS figures: the vintage of every value served. */
const VINTAGE_DATE = '2018-11-11';

const EMPLOYMENT_CSV = fileURLToPath(
	new URL('../../node_modules/vega-datasets/data/us-employment.csv', import.meta.url)
);

const NO_SERIES = { error_code: 400, error_message: 'Bad Request.  The series does not exist.' };

export interface FredRelayMockOptions {
	/** 0 (the default) picks a free port. */
	readonly port?: number;
	/** When set, requests must carry this key in X-Fred-Api-Key, as FRED needs one. */
	readonly requireKey?: string;
}

export interface FredRelayMockStats {
	readonly requests: number;
	readonly preflights: number;
	readonly observations: number;
	readonly series: number;
	readonly errors: number;
	/** Requests that carried X-Fred-Api-Key. */
	readonly withKeyHeader: number;
	/** Requests that put a key in the URL (always refused). */
	readonly keyInUrl: number;
}

export interface FredRelayMock {
	readonly origin: string;
	close(): Promise<void>;
	stats(): FredRelayMockStats;
}

interface Observation {
	readonly date: string;
	readonly value: string;
}

/** The `nonfarm` column of the BLS file, as FRED writes values: strings. */
export function loadPayems(path = EMPLOYMENT_CSV): Observation[] {
	const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
	const columns = header.split(',');
	const month = columns.indexOf('month');
	const nonfarm = columns.indexOf('nonfarm');
	if (month === -1 || nonfarm === -1) throw new Error(`${path} has no month/nonfarm columns`);
	return lines.map((line) => {
		const cells = line.split(',');
		return { date: cells[month], value: cells[nonfarm] };
	});
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=UTF-8',
		'Access-Control-Allow-Origin': '*'
	});
	res.end(JSON.stringify(body));
}

function isDay(s: string | null): s is string {
	return s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s);
}

export async function startFredRelayMock(options: FredRelayMockOptions = {}): Promise<FredRelayMock> {
	const payems = loadPayems();
	const counts = {
		requests: 0,
		preflights: 0,
		observations: 0,
		series: 0,
		errors: 0,
		withKeyHeader: 0,
		keyInUrl: 0
	};
	let origin = '';

	function badRequest(res: ServerResponse, message: string): void {
		counts.errors++;
		send(res, 400, { error_code: 400, error_message: message });
	}

	function observations(url: URL, res: ServerResponse): void {
		const start = url.searchParams.get('observation_start');
		const end = url.searchParams.get('observation_end');
		if ((start !== null && !isDay(start)) || (end !== null && !isDay(end))) {
			return badRequest(res, 'Bad Request.  Variable observation_start is not a valid date.');
		}
		const sort = url.searchParams.get('sort_order') ?? 'asc';
		if (sort !== 'asc' && sort !== 'desc')
			return badRequest(res, 'Bad Request.  Variable sort_order is not valid.');
		const limit = Number(url.searchParams.get('limit') ?? FRED_MAX_LIMIT);
		const offset = Number(url.searchParams.get('offset') ?? 0);
		if (!Number.isInteger(limit) || limit < 1 || limit > FRED_MAX_LIMIT) {
			return badRequest(res, 'Bad Request.  Variable limit is not between 1 and 100000.');
		}
		if (!Number.isInteger(offset) || offset < 0)
			return badRequest(res, 'Bad Request.  Variable offset is not valid.');
		let rows = payems.filter((o) => (start === null || o.date >= start) && (end === null || o.date <= end));
		if (sort === 'desc') rows = rows.slice().reverse();
		const page = rows.slice(offset, offset + limit);
		counts.observations++;
		send(res, 200, {
			realtime_start: VINTAGE_DATE,
			realtime_end: VINTAGE_DATE,
			observation_start: start ?? '1776-07-04',
			observation_end: end ?? '9999-12-31',
			units: 'lin',
			output_type: 1,
			file_type: 'json',
			order_by: 'observation_date',
			sort_order: sort,
			count: rows.length,
			offset,
			limit,
			observations: page.map((o) => ({
				realtime_start: VINTAGE_DATE,
				realtime_end: VINTAGE_DATE,
				date: o.date,
				value: o.value
			}))
		});
	}

	function series(res: ServerResponse): void {
		counts.series++;
		send(res, 200, {
			realtime_start: VINTAGE_DATE,
			realtime_end: VINTAGE_DATE,
			seriess: [
				{
					id: MOCK_FRED_SERIES_ID,
					realtime_start: VINTAGE_DATE,
					realtime_end: VINTAGE_DATE,
					title: 'All Employees, Total Nonfarm',
					observation_start: payems[0].date,
					observation_end: payems[payems.length - 1].date,
					frequency: 'Monthly',
					frequency_short: 'M',
					units: 'Thousands of Persons',
					units_short: 'Thous. of Persons',
					seasonal_adjustment: 'Seasonally Adjusted',
					seasonal_adjustment_short: 'SA',
					notes:
						'Mock relay: BLS Current Employment Statistics total nonfarm, from vega-datasets us-employment.csv (2006-2015).'
				}
			]
		});
	}

	function handle(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', origin);
		if (req.method === 'OPTIONS') {
			counts.preflights++;
			res.writeHead(204, {
				'Access-Control-Allow-Origin': '*',
				'Access-Control-Allow-Headers': 'x-fred-api-key',
				'Access-Control-Allow-Methods': 'GET',
				'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S)
			});
			res.end();
			return;
		}
		// Lets a browser test read what reached the relay (counts only; never a key).
		if (req.method === 'GET' && url.pathname === '/__mock/stats') return send(res, 200, { ...counts });
		counts.requests++;
		const key = req.headers['x-fred-api-key'];
		if (typeof key === 'string') counts.withKeyHeader++;
		if (url.searchParams.has('api_key')) {
			counts.keyInUrl++;
			return badRequest(
				res,
				'Mock relay: the key must travel in the X-Fred-Api-Key header, never in the URL.'
			);
		}
		if (req.method !== 'GET') return badRequest(res, 'Bad Request.  Only GET is supported.');
		if (options.requireKey !== undefined && key !== options.requireKey) {
			return badRequest(
				res,
				'Bad Request.  The value for variable api_key is not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information.'
			);
		}
		if (url.pathname !== '/fred/series/observations' && url.pathname !== '/fred/series') {
			counts.errors++;
			send(res, 404, { error_code: 404, error_message: 'Not Found.' });
			return;
		}
		if (url.searchParams.get('file_type') !== 'json') {
			return badRequest(res, 'Mock relay: only file_type=json is served.');
		}
		if (url.searchParams.get('series_id') !== MOCK_FRED_SERIES_ID) {
			counts.errors++;
			send(res, 400, NO_SERIES);
			return;
		}
		if (url.pathname === '/fred/series') return series(res);
		return observations(url, res);
	}

	const server = createServer((req, res) => {
		try {
			handle(req, res);
		} catch (e) {
			counts.errors++;
			send(res, 500, { error_code: 500, error_message: `Mock failure: ${(e as Error).message}` });
		}
	});
	const listening = await listenOnLoopback(server, options.port ?? 0);
	origin = listening.origin;

	return {
		origin,
		close: listening.close,
		stats: () => ({ ...counts })
	};
}

if (isMain(import.meta.url)) {
	await serveFromCli(MOCK_FRED_DEFAULT_PORT, (port) => startFredRelayMock({ port }));
}
