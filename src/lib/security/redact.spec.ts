import { describe, expect, it } from 'vitest';
import { ANTHROPIC_MASK, REDACTED, containsSecret, redact, redactDeep, redactUrl } from './redact';

/** Key-shaped strings; none is a real credential. */
const ANTHROPIC = 'sk-ant-api03-Zq8vT1mK4pX9wR2sL6nB3cH7dF0gJ5yE8uA1oI4kM7tV2xN9bQ6rS3wP0lC5zD8fG1hA-qYw_AA';
const POLYGON = 'K9sJvR2PEyVT_EMrTip0aAAlvrkHp8Xq';
const FRED = '3f9a1c7e5b2d8f4a6c0e9b1d7a3f5c2e';
const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const COMMIT = '2194402c1f0e5d3b8a7c6f9e0d1b2a3c4d5e6f70';

describe('redact', () => {
	it.each([
		['an Anthropic key', `key ${ANTHROPIC} end`, `key ${ANTHROPIC_MASK} end`],
		[
			'an Anthropic admin key in JSON',
			'{"k":"sk-ant-admin01-abcdEFGH1234_-xyz"}',
			`{"k":"${ANTHROPIC_MASK}"}`
		],
		['a Polygon/Massive key', `polygon ${POLYGON}.`, `polygon ${REDACTED}.`],
		['a FRED key', `fred=${FRED}`, `fred=${REDACTED}`],
		['a 32-character key in quotes', `"${POLYGON}"`, `"${REDACTED}"`],
		['a key after an underscore-free separator', `key:${FRED}`, `key:${REDACTED}`],
		[
			'an apiKey query parameter',
			'GET /v2/aggs?adjusted=true&apiKey=abc123',
			`GET /v2/aggs?adjusted=true&apiKey=${REDACTED}`
		],
		[
			'an api_key query parameter',
			'?series_id=DGS10&api_key=abc&file_type=json',
			`?series_id=DGS10&api_key=${REDACTED}&file_type=json`
		],
		[
			'a token parameter, any case',
			'https://relay.example/?TOKEN=t0k3n',
			`https://relay.example/?TOKEN=${REDACTED}`
		],
		['a bearer header', 'Authorization: Bearer abc.def-ghi', `Authorization: Bearer ${REDACTED}`],
		['a bearer header in JSON', '{"authorization":"Bearer abc"}', `{"authorization":"Bearer ${REDACTED}"}`],
		['an x-api-key header', 'x-api-key: abcdef', `x-api-key: ${REDACTED}`],
		[
			'several keys on one line',
			`${ANTHROPIC} ${POLYGON} ${FRED}`,
			`${ANTHROPIC_MASK} ${REDACTED} ${REDACTED}`
		]
	])('masks %s', (_label, input, expected) => {
		expect(redact(input)).toBe(expected);
	});

	it.each([
		['a SHA-256 digest', `sha256 ${SHA256}`],
		['a SHA-256 digest with a prefix', `sha256-${SHA256}`],
		['a git commit', `commit ${COMMIT}`],
		['a 31-character token', `id ${POLYGON.slice(1)}`],
		['a 33-character token', `id ${POLYGON}Z`],
		['a snake_case identifier of 32 letters', 'feature_momentum_with_long_window'.slice(0, 32)],
		['a UUID', 'trial 3f9a1c7e-5b2d-4f4a-8c0e-9b1d7a3f5c2e'],
		['prose about the key prefix', 'Anthropic keys start with sk-ant- and are long.'],
		['a URL without credentials', 'https://api.polygon.io/v2/aggs/ticker/SPY/range/1/day?adjusted=true'],
		['a word that merely contains key', 'monkey=3 and keyboard']
	])('leaves %s alone', (_label, input) => {
		expect(redact(input)).toBe(input);
	});

	it('masks any known secret, whatever its shape, longest first', () => {
		const known = ['my-relay-secret', 'my-relay-secret-2'];
		expect(redact('a my-relay-secret-2 b my-relay-secret c', known)).toBe(`a ${REDACTED} b ${REDACTED} c`);
	});

	it('ignores known values too short to be keys, which would mask ordinary words', () => {
		expect(redact('the cat sat', ['cat', ''])).toBe('the cat sat');
	});

	it('is idempotent', () => {
		const once = redact(`${ANTHROPIC} ?apiKey=${POLYGON} ${FRED} Bearer x Authorization: Bearer y`);
		expect(redact(once)).toBe(once);
	});
});

describe('redactUrl', () => {
	it.each([
		[
			'Polygon apiKey',
			`https://api.polygon.io/v2/aggs/ticker/SPY/range/1/day/2024-01-01/2024-02-01?adjusted=true&apiKey=${POLYGON}`,
			'https://api.polygon.io/v2/aggs/ticker/SPY/range/1/day/2024-01-01/2024-02-01?adjusted=true'
		],
		[
			'FRED api_key in the middle',
			`https://relay.example/fred/series/observations?series_id=DGS10&api_key=${FRED}&file_type=json`,
			'https://relay.example/fred/series/observations?series_id=DGS10&file_type=json'
		],
		[
			'the only parameter',
			'https://api.massive.com/v3/reference/tickers?apiKey=x',
			'https://api.massive.com/v3/reference/tickers'
		],
		[
			'key and token, any case, repeated',
			'https://r.example/?Key=a&q=1&TOKEN=b&key=c',
			'https://r.example/?q=1'
		],
		['user and password', 'https://me:hunter2@relay.example/fred?q=1', 'https://relay.example/fred?q=1'],
		['a relative URL', '/v2/aggs?apiKey=x&adjusted=true', '/v2/aggs?adjusted=true'],
		['a relative URL without a leading slash', 'v2/aggs?apiKey=x', 'v2/aggs'],
		['a fragment, kept', 'https://r.example/p?token=t#section', 'https://r.example/p#section']
	])('removes %s', (_label, input, expected) => {
		expect(redactUrl(input)).toBe(expected);
	});

	it.each([
		['an URL without credentials', 'https://api.polygon.io/v2/aggs?adjusted=true&sort=asc'],
		['a host without a trailing slash', 'https://api.polygon.io'],
		['parameters that only contain the word key', 'https://r.example/?monkey=1&keyword=2'],
		['an encoded space', 'https://r.example/?q=a%20b']
	])('returns %s unchanged, byte for byte', (_label, input) => {
		expect(redactUrl(input)).toBe(input);
	});

	it('falls back to text redaction for something that is not a URL', () => {
		expect(redactUrl(`http://[bad?apiKey=${POLYGON}`)).toBe(`http://[bad?apiKey=${REDACTED}`);
	});
});

describe('containsSecret', () => {
	it.each([
		[`please use ${ANTHROPIC}`, [], true],
		[`my polygon key is ${POLYGON}`, [], true],
		[`fred ${FRED}`, [], true],
		['my relay password is swordfish!', ['swordfish!'], true],
		[`dataset sha256 ${SHA256}`, [], false],
		['find a model with hit rate > 55 %', [], false],
		['swordfish', ['fish'], false]
	] as const)('finds a secret in %j (known %j): %s', (text, known, expected) => {
		expect(containsSecret(text, known)).toBe(expected);
	});
});

describe('redactDeep', () => {
	it('masks a known value of any shape in every string and key of a nested record, and keeps the rest', () => {
		const known = ['relay-pass-phrase-77'];
		const record = {
			messages: [{ text: 'my relay password is relay-pass-phrase-77', seq: 3, ok: true, none: null }],
			['relay-pass-phrase-77']: 'as a key too'
		};
		const out = JSON.stringify(redactDeep(record, known));
		expect(out).not.toContain('relay-pass-phrase-77');
		expect(out).toContain(`my relay password is ${REDACTED}`);
		expect(out).toContain('"seq":3');
		expect(out).toContain('"ok":true');
	});
});
