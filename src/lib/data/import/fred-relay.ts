/**
 * FRED through a relay the user deployed (reference B.11 option b): FRED itself sends no CORS headers, so the
 * browser calls `${relayOrigin}/fred/...` and the relay forwards to api.stlouisfed.org, adding `api_key`.
 *
 * The key, if the user keeps one in the app, travels only in the `X-Fred-Api-Key` header, never in a URL: URLs
 * end up in logs, provenance records and caches. The observations are parsed by the very parser that reads a
 * saved API response, so a file and a fetch of the same bytes give the same series and the same hash.
 */
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import { ConnectorError, type HttpClient, type HttpResult } from '../http-types';
import { fredFrequencyFromShort, fredSeriesInfoSchema, isFredSeriesId } from './fred';
import { parseImport } from './parse';
import type { ErrorCounts, FredFrequency, RowError } from './types';

export const FRED_API_KEY_HEADER = 'X-Fred-Api-Key';

export interface FredRelayRequest {
	readonly http: HttpClient;
	/** A bare http(s) origin, e.g. https://fred-relay.example.workers.dev (it must be on the build's allowlist). */
	readonly relayOrigin: string;
	readonly apiKey?: string;
	readonly seriesId: string;
	readonly signal?: AbortSignal;
	/** Injected for tests; defaults to Date.now. */
	readonly now?: () => number;
}

export interface FredRelayResult {
	readonly seriesId: string;
	readonly title: string;
	readonly units: string;
	/** FRED's own frequency when it is one of ours, else inferred from the dates. */
	readonly frequency: FredFrequency;
	readonly t: Float64Array;
	readonly value: Float64Array;
	readonly rowErrors: RowError[];
	readonly errorCount: number;
	readonly errorCounts: ErrorCounts;
	readonly validRows: number;
	readonly totalRows: number;
	readonly skippedRows: number;
	readonly warnings: string[];
	/** Provenance parts: `origin` is the observations URL without any key. */
	readonly provenance: {
		readonly source: 'fred';
		readonly origin: string;
		readonly retrievedAt: string;
		/** SHA-256 of the observations response bytes. */
		readonly sha256: string;
		readonly rows: number;
		readonly firstT: number;
		readonly lastT: number;
	};
}

function invalid(message: string): AppError {
	return new AppError('invalid_spec', message);
}

function relayBase(origin: string): string {
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		throw invalid(`FRED relay "${origin}" is not a URL`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('The FRED relay must be http(s)');
	if (
		(url.pathname !== '/' && url.pathname !== '') ||
		url.search ||
		url.hash ||
		url.username ||
		url.password
	) {
		throw invalid(`The FRED relay must be a bare origin, got "${origin}"`);
	}
	return url.origin;
}

/** The URL of a relay call; `series_id` is validated, so nothing else can enter the query. */
export function fredRelayUrl(
	relayOrigin: string,
	path: 'series' | 'series/observations',
	seriesId: string
): string {
	const query = new URLSearchParams({ series_id: seriesId, file_type: 'json' });
	return `${relayBase(relayOrigin)}/fred/${path}?${query}`;
}

function parseJson(result: HttpResult): unknown {
	try {
		return JSON.parse(result.text);
	} catch {
		throw new ConnectorError(
			'bad_response',
			'The FRED relay sent a response that is not JSON.',
			result.status
		);
	}
}

const seriesErrorSchema = z.object({ error_message: z.string() });

export async function fetchFredViaRelay(request: FredRelayRequest): Promise<FredRelayResult> {
	const { http, apiKey, seriesId, signal } = request;
	const now = request.now ?? Date.now;
	if (!isFredSeriesId(seriesId)) {
		throw invalid(`"${seriesId}" is not a FRED series id (upper-case letters, digits and _ only)`);
	}
	const headers: Record<string, string> = apiKey ? { [FRED_API_KEY_HEADER]: apiKey } : {};
	const infoUrl = fredRelayUrl(request.relayOrigin, 'series', seriesId);
	const observationsUrl = fredRelayUrl(request.relayOrigin, 'series/observations', seriesId);
	const [infoResult, observations] = await Promise.all([
		http.get({ provider: 'fred-relay', url: infoUrl, headers, signal }),
		http.get({ provider: 'fred-relay', url: observationsUrl, headers, signal })
	]);
	const retrievedAt = new Date(now()).toISOString();

	const infoJson = parseJson(infoResult);
	const info = fredSeriesInfoSchema.safeParse(infoJson);
	if (!info.success) {
		const said = seriesErrorSchema.safeParse(infoJson);
		const detail = said.success ? said.data.error_message : 'unexpected shape';
		throw new ConnectorError(
			'bad_response',
			`The FRED relay's series description is not usable (${detail}).`
		);
	}
	const series = info.data.seriess[0];
	if (series.id !== seriesId) {
		throw new ConnectorError('bad_response', `The FRED relay answered for ${series.id}, not ${seriesId}.`);
	}

	const parsed = parseImport(observations.bytes, {
		fileName: `${seriesId}.json`,
		source: 'fred',
		kind: 'values',
		mapping: { date: 0, value: 1 },
		dateFormat: 'YYYY-MM-DD',
		decimal: '.',
		nowMs: now(),
		header: true
	});
	if (!parsed.ok) {
		throw new ConnectorError('bad_response', `FRED observations for ${seriesId}: ${parsed.message}`);
	}
	if (parsed.kind !== 'values') throw new ConnectorError('bad_response', 'FRED observations are values.');
	return {
		seriesId,
		title: series.title,
		units: series.units,
		frequency: fredFrequencyFromShort(series.frequency_short) ?? parsed.fred?.frequency ?? 'irregular',
		t: parsed.t,
		value: parsed.columns.value,
		rowErrors: parsed.rowErrors,
		errorCount: parsed.errorCount,
		errorCounts: parsed.errorCounts,
		validRows: parsed.validRows,
		totalRows: parsed.totalRows,
		skippedRows: parsed.skippedRows,
		warnings: parsed.warnings.map((w) => w.message),
		provenance: {
			source: 'fred',
			origin: observationsUrl,
			retrievedAt,
			sha256: parsed.sha256,
			rows: parsed.validRows,
			firstT: parsed.firstT,
			lastT: parsed.lastT
		}
	};
}
