import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPayems, startFredRelayMock, type FredRelayMock } from '../../../../tests/mocks/fred-relay';
import { AppError } from '../../domain/errors';
import { ConnectorError, type HttpClient, type HttpGet, type HttpResult } from '../http-types';
import { FRED_API_KEY_HEADER, fetchFredViaRelay, fredRelayUrl } from './fred-relay';

const NOW_MS = Date.UTC(2026, 0, 1);
const KEY = 'abcdef0123456789abcdef0123456789';

/** A plain fetch transport that records what it sent: the real client's retries are not under test here. */
function recordingClient(): HttpClient & { sent: HttpGet[]; bodies: Uint8Array[] } {
	const sent: HttpGet[] = [];
	const bodies: Uint8Array[] = [];
	return {
		sent,
		bodies,
		async get(request: HttpGet): Promise<HttpResult> {
			sent.push(request);
			const response = await fetch(request.url, { headers: request.headers, signal: request.signal });
			const bytes = new Uint8Array(await response.arrayBuffer());
			bodies.push(bytes);
			const text = new TextDecoder().decode(bytes);
			if (!response.ok) throw new ConnectorError('not_found', text, response.status);
			return { status: response.status, url: request.url, bytes, text, headers: {} };
		}
	};
}

let mock: FredRelayMock;
beforeAll(async () => {
	mock = await startFredRelayMock({ requireKey: KEY });
});
afterAll(async () => {
	await mock.close();
});

describe('fetchFredViaRelay', () => {
	it('fetches PAYEMS through the relay and returns the real BLS values with provenance', async () => {
		const http = recordingClient();
		const r = await fetchFredViaRelay({
			http,
			relayOrigin: mock.origin,
			apiKey: KEY,
			seriesId: 'PAYEMS',
			now: () => NOW_MS
		});
		const real = loadPayems();
		expect(r).toMatchObject({
			seriesId: 'PAYEMS',
			title: 'All Employees, Total Nonfarm',
			units: 'Thousands of Persons',
			frequency: 'monthly',
			validRows: 120,
			skippedRows: 0,
			errorCount: 0
		});
		expect(Array.from(r.value)).toEqual(real.map((o) => Number(o.value)));
		expect(Array.from(r.t)).toEqual(real.map((o) => Date.parse(`${o.date}T00:00:00Z`)));
		const observationsBody = http.bodies[http.sent.findIndex((s) => s.url.includes('/observations'))];
		expect(r.provenance).toEqual({
			source: 'fred',
			origin: `${mock.origin}/fred/series/observations?series_id=PAYEMS&file_type=json`,
			retrievedAt: new Date(NOW_MS).toISOString(),
			sha256: bytesToHex(sha256(observationsBody)),
			rows: 120,
			firstT: Date.UTC(2006, 0, 1),
			lastT: Date.UTC(2015, 11, 1)
		});
	});

	it('sends the key only in the X-Fred-Api-Key header, never in a URL', async () => {
		const http = recordingClient();
		const before = mock.stats();
		await fetchFredViaRelay({ http, relayOrigin: mock.origin, apiKey: KEY, seriesId: 'PAYEMS' });
		expect(http.sent).toHaveLength(2);
		for (const s of http.sent) {
			expect(s.provider).toBe('fred-relay');
			expect(s.url).not.toContain(KEY);
			expect(s.url).not.toContain('api_key');
			expect(s.headers).toEqual({ [FRED_API_KEY_HEADER]: KEY });
		}
		const after = mock.stats();
		expect(after.withKeyHeader - before.withKeyHeader).toBe(2);
		expect(after.keyInUrl).toBe(0);
	});

	it('sends no key header when the user keeps no key (the relay holds its own)', async () => {
		const open = await startFredRelayMock();
		try {
			const http = recordingClient();
			const r = await fetchFredViaRelay({ http, relayOrigin: open.origin, seriesId: 'PAYEMS' });
			expect(r.validRows).toBe(120);
			expect(http.sent.every((s) => s.headers && Object.keys(s.headers).length === 0)).toBe(true);
		} finally {
			await open.close();
		}
	});

	it("passes on FRED's 400 for a series the relay does not have", async () => {
		const http = recordingClient();
		const call = fetchFredViaRelay({ http, relayOrigin: mock.origin, apiKey: KEY, seriesId: 'UNRATE' });
		await expect(call).rejects.toBeInstanceOf(ConnectorError);
		await expect(call).rejects.toThrow(/The series does not exist/);
	});

	it('refuses a malformed series id or relay origin before making any call', async () => {
		const http = recordingClient();
		for (const seriesId of ['payems', 'PAYEMS&api_key=x', '', '../x']) {
			await expect(fetchFredViaRelay({ http, relayOrigin: mock.origin, seriesId })).rejects.toBeInstanceOf(
				AppError
			);
		}
		for (const relayOrigin of ['ftp://x.org', 'https://x.org/path', 'https://u:p@x.org', 'not a url']) {
			await expect(fetchFredViaRelay({ http, relayOrigin, seriesId: 'GDP' })).rejects.toBeInstanceOf(
				AppError
			);
		}
		expect(http.sent).toHaveLength(0);
	});

	it('refuses a response that is not the documented shape', async () => {
		const fake: HttpClient = {
			async get(request) {
				const text = request.url.includes('/observations')
					? '{"observations": [{"date": 1}]}'
					: '{"seriess": []}';
				const bytes = new TextEncoder().encode(text);
				return { status: 200, url: request.url, bytes, text, headers: {} };
			}
		};
		await expect(
			fetchFredViaRelay({ http: fake, relayOrigin: 'https://relay.example', seriesId: 'GDP' })
		).rejects.toMatchObject({
			code: 'bad_response'
		});
	});
});

describe('fredRelayUrl', () => {
	it('builds relay URLs from a bare origin and an id', () => {
		expect(fredRelayUrl('https://relay.example/', 'series', 'GDP')).toBe(
			'https://relay.example/fred/series?series_id=GDP&file_type=json'
		);
	});
});

describe('the FRED relay mock', () => {
	it('answers a CORS preflight that allows the key header', async () => {
		const response = await fetch(`${mock.origin}/fred/series/observations`, {
			method: 'OPTIONS',
			headers: { Origin: 'http://localhost:4173', 'Access-Control-Request-Headers': 'x-fred-api-key' }
		});
		expect(response.status).toBe(204);
		expect(response.headers.get('access-control-allow-headers')).toContain('x-fred-api-key');
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('refuses a key in the query string and a request without the required key', async () => {
		const inUrl = await fetch(`${mock.origin}/fred/series?series_id=PAYEMS&file_type=json&api_key=${KEY}`);
		expect(inUrl.status).toBe(400);
		const noKey = await fetch(`${mock.origin}/fred/series?series_id=PAYEMS&file_type=json`);
		expect(noKey.status).toBe(400);
	});

	it('pages and filters observations like FRED', async () => {
		const url = `${mock.origin}/fred/series/observations?series_id=PAYEMS&file_type=json&observation_start=2015-01-01&sort_order=desc&limit=2`;
		const body = (await (await fetch(url, { headers: { [FRED_API_KEY_HEADER]: KEY } })).json()) as {
			count: number;
			observations: { date: string }[];
		};
		expect(body.count).toBe(12);
		expect(body.observations.map((o) => o.date)).toEqual(['2015-12-01', '2015-11-01']);
	});
});
