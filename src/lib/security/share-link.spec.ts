import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createRng } from '../domain/random';
import { tinySpec } from '../testing/fixtures';
import {
	MAX_CURVE_POINTS,
	MAX_LINK_CHARS,
	decodeShare,
	encodeShare,
	fromBase64Url,
	isEncrypted,
	jsonDepth,
	toBase64Url,
	type SharedTrial
} from './share-link';
import { curveOf, curveTimes } from './share-schema';
import { mutateLink } from '../testing/share-mutations';

const trial = (): SharedTrial => {
	const rng = createRng(3);
	let e = 1;
	const t = Array.from({ length: MAX_CURVE_POINTS }, (_, i) => Date.UTC(2015, 0, 2) + i * 5 * 86_400_000);
	return {
		kind: 'trial',
		name: 'ridge on the S&P 500',
		spec: tinySpec({ name: 'ridge on the S&P 500', datasetId: 'sp500' }),
		data: {
			name: 'S&P 500 index, daily',
			symbol: '^GSPC',
			source: 'yahoo',
			origin: 'static/data/sp500.csv',
			contentSha256: 'a'.repeat(64),
			rows: 5105,
			firstT: Date.UTC(2000, 0, 3),
			lastT: Date.UTC(2020, 3, 17)
		},
		inputs: [],
		metrics: { sharpe: 0.41, totalReturn: 0.23, maxDrawdown: -0.18, hitRate: 0.52, ic: null },
		curve: curveOf(
			t,
			t.map(() => (e *= 1 + 0.01 * rng.normal())),
			t.map((_, i) => i)
		),
		appVersion: '0.12.0'
	};
};

const linkOf = (json: string) => `v1.${toBase64Url(deflateSync(new TextEncoder().encode(json)))}`;

describe('share links', () => {
	it('round-trip a trial exactly, in a link a few thousand characters long', async () => {
		const link = await encodeShare(trial());
		expect(link.startsWith('v1.')).toBe(true);
		expect(link.length).toBeLessThan(6_000);
		const back = await decodeShare(link);
		expect(back).toEqual({ ok: true, value: trial(), encrypted: false });
	});

	it('with a passphrase: asks for it, refuses a wrong one, opens with the right one', async () => {
		const link = await encodeShare(trial(), { passphrase: 'correct horse battery' });
		expect(isEncrypted(link)).toBe(true);
		expect(link).not.toContain(toBase64Url(new TextEncoder().encode('ridge')));
		expect(await decodeShare(link)).toMatchObject({ ok: false, code: 'needs_passphrase' });
		expect(await decodeShare(link, { passphrase: 'wrong horse battery' })).toMatchObject({
			ok: false,
			code: 'wrong_passphrase'
		});
		expect(await decodeShare(link, { passphrase: 'correct horse battery' })).toEqual({
			ok: true,
			value: trial(),
			encrypted: true
		});
	});

	it('refuses a decompression bomb, deep nesting, a long link and an invalid trial before trusting them', async () => {
		const bomb = `v1.${toBase64Url(deflateSync(new Uint8Array(5_000_000)))}`;
		expect(bomb.length).toBeLessThan(10_000);
		expect(await decodeShare(bomb)).toMatchObject({ ok: false, code: 'too_large' });
		expect(await decodeShare(linkOf(`${'['.repeat(40)}${']'.repeat(40)}`))).toMatchObject({
			ok: false,
			code: 'too_deep'
		});
		expect(await decodeShare(`v1.${'A'.repeat(MAX_LINK_CHARS)}`)).toMatchObject({
			ok: false,
			code: 'too_long'
		});
		expect(await decodeShare(linkOf('{"kind":"trial"}'))).toMatchObject({ ok: false, code: 'invalid' });
		expect(await decodeShare(linkOf('not json'))).toMatchObject({ ok: false, code: 'bad_json' });
		expect(await decodeShare('v2.abc')).toMatchObject({ ok: false, code: 'bad_format' });
		expect(jsonDepth('{"a":"[[[[","b":[{}]}')).toBe(3);
	});

	it('survives 1,000 seeded mutations of a valid link: each refused with a message or a valid trial', async () => {
		const link = await encodeShare(trial());
		const rng = createRng(20261205);
		const codes = new Map<string, number>();
		for (let k = 0; k < 1000; k++) {
			const s = mutateLink(link, rng);
			const r = await decodeShare(s);
			if (r.ok) expect(r.value.kind).toBe('trial');
			else expect(r.message.length).toBeGreaterThan(10);
			codes.set(r.ok ? 'ok' : r.code, (codes.get(r.ok ? 'ok' : r.code) ?? 0) + 1);
		}
		// Most mutations break the deflate stream or the base64; some are caught only by the schema.
		expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(1000);
		expect(codes.get('bad_format') ?? 0).toBeGreaterThan(500);
		expect(codes.get('too_large') ?? 0).toBe(0);
	}, 60_000);

	it('reads base64url strictly', () => {
		expect(fromBase64Url('AQID')).toEqual(new Uint8Array([1, 2, 3]));
		expect(fromBase64Url('AQ+D')).toBeNull();
		expect(fromBase64Url('A')).toBeNull();
		expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8');
	});
});

describe('compact curves', () => {
	it('keep daily times exactly as day steps and values to five significant digits', () => {
		const t = [Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3), Date.UTC(2020, 0, 6), Date.UTC(2020, 0, 7)];
		const c = curveOf(t, [1, 1.0123456, 0.99999, 1.2345678], [0, 1, 2, 3]);
		expect(c).toEqual({
			t0: t[0],
			unitMs: 86_400_000,
			gaps: [0, 1, 3, 1],
			value: [1, 1.0123, 0.99999, 1.2346]
		});
		expect(curveTimes(c)).toEqual(t);
	});

	it('fall back to hours, minutes, seconds or ms when the times are not whole days apart', () => {
		const t = [0, 90_000, 150_000];
		const c = curveOf(t, [1, 2, 3], [0, 1, 2]);
		expect(c.unitMs).toBe(1_000);
		expect(curveTimes(c)).toEqual(t);
		expect(curveTimes(curveOf([0, 3_600_000], [1, 1], [0, 1]))).toEqual([0, 3_600_000]);
		expect(curveOf([0, 3_600_000], [1, 1], [0, 1]).unitMs).toBe(3_600_000);
	});

	it('refuses times that do not ascend', () => {
		expect(() => curveOf([2, 1], [1, 1], [0, 1])).toThrow(RangeError);
	});
});
