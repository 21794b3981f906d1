import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../domain/random';
import {
	PBKDF2_ITERATIONS,
	SALT_BYTES,
	VaultError,
	checkPassphrase,
	deriveKey,
	fromBase64,
	open,
	randomSalt,
	seal,
	sealedVaultSchema,
	toBase64,
	type SealedVault,
	type Secrets
} from './vault-crypto';

/** Fast derivations for the many-case tests; one test below runs the real count. */
const FAST = 1_000;
const WEAK = { allowWeak: true };
/** Seeds of the property tests; a failure names its seed and case so it can be replayed and pinned. */
const SEED = 20_260_512;

const ALNUM = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];

function draw(rng: Rng, alphabet: readonly string[], length: number): string {
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)];
	return out;
}

/** Key-shaped strings (none is a real credential): Anthropic, Polygon/Massive and FRED shapes. */
function randomSecrets(rng: Rng): Secrets {
	for (;;) {
		const s: Secrets = {};
		if (rng.next() < 0.6) s.anthropic = `sk-ant-api03-${draw(rng, [...ALNUM, '-', '_'], 93)}AA`;
		if (rng.next() < 0.6) s.polygon = draw(rng, [...ALNUM, '_'], 32);
		if (rng.next() < 0.6) s.fred = draw(rng, [...'0123456789abcdef'], 32);
		if (Object.keys(s).length > 0) return s;
	}
}

/** 8–40 characters, some outside ASCII and outside the BMP, so encoding bugs would show. */
function randomPassphrase(rng: Rng): string {
	return draw(rng, [...ALNUM, ' ', '!', 'é', 'ß', 'あ', '🔑'], 8 + rng.int(33));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'resolved';
	} catch (e) {
		return e instanceof VaultError ? e.code : `not a VaultError: ${String(e)}`;
	}
}

describe('vault cryptography', () => {
	it(`round-trips 100 random sets of keys under 100 random passphrases (seed ${SEED})`, async () => {
		const rng = createRng(SEED);
		for (let i = 0; i < 100; i++) {
			const secrets = randomSecrets(rng);
			const passphrase = randomPassphrase(rng);
			const salt = randomSalt();
			const sealed = await seal(await deriveKey(passphrase, salt, FAST, WEAK), salt, FAST, secrets);
			const reopened = sealedVaultSchema.parse(JSON.parse(JSON.stringify(sealed)));
			const key = await deriveKey(passphrase, fromBase64(reopened.salt), reopened.iterations, WEAK);
			expect(await open(key, reopened), `case ${i}`).toEqual(secrets);
		}
	});

	it(`refuses 100 wrong passphrases with wrong_passphrase (seed ${SEED + 1})`, async () => {
		const rng = createRng(SEED + 1);
		const codes: string[] = [];
		for (let i = 0; i < 100; i++) {
			const passphrase = randomPassphrase(rng);
			// A near miss as well as unrelated guesses: one character changed at the end.
			const wrong = i % 2 === 0 ? randomPassphrase(rng) : `${passphrase.slice(0, -1)}#`;
			expect(wrong).not.toBe(passphrase);
			const salt = randomSalt();
			const sealed = await seal(
				await deriveKey(passphrase, salt, FAST, WEAK),
				salt,
				FAST,
				randomSecrets(rng)
			);
			codes.push(await codeOf(open(await deriveKey(wrong, salt, FAST, WEAK), sealed)));
		}
		expect(codes).toHaveLength(100);
		expect(codes.filter((c) => c === 'wrong_passphrase')).toHaveLength(100);
	});

	it(`detects 100 one-bit flips of the ciphertext through the GCM tag (seed ${SEED + 2})`, async () => {
		const rng = createRng(SEED + 2);
		const salt = randomSalt();
		const key = await deriveKey('correct horse battery', salt, FAST, WEAK);
		const sealed = await seal(key, salt, FAST, randomSecrets(rng));
		const bytes = fromBase64(sealed.ciphertext);
		const codes: string[] = [];
		for (let i = 0; i < 100; i++) {
			const flipped = bytes.slice();
			const bit = rng.int(flipped.length * 8);
			flipped[bit >> 3] ^= 1 << (bit & 7);
			codes.push(await codeOf(open(key, { ...sealed, ciphertext: toBase64(flipped) })));
		}
		expect(codes.filter((c) => c === 'wrong_passphrase')).toHaveLength(100);
		expect(await open(key, sealed)).toBeDefined();
	});

	it('fails to open when the public header is edited: names, salt or iterations', async () => {
		const salt = randomSalt();
		const key = await deriveKey('correct horse battery', salt, FAST, WEAK);
		const sealed = await seal(key, salt, FAST, { polygon: 'p'.repeat(32), fred: 'f'.repeat(32) });
		const edits: SealedVault[] = [
			{ ...sealed, names: ['polygon'] },
			{ ...sealed, names: ['polygon', 'fred', 'anthropic'] },
			{ ...sealed, salt: toBase64(randomSalt()) },
			{ ...sealed, iterations: FAST + 1 },
			{ ...sealed, iv: toBase64(new Uint8Array(12)) }
		];
		for (const edited of edits) expect(await codeOf(open(key, edited))).toBe('wrong_passphrase');
	});

	it('seals the same secrets differently every time (a fresh IV each seal)', async () => {
		const salt = randomSalt();
		const key = await deriveKey('correct horse battery', salt, FAST, WEAK);
		const secrets = { anthropic: 'sk-ant-api03-same-key-twiceAA' };
		const a = await seal(key, salt, FAST, secrets);
		const b = await seal(key, salt, FAST, secrets);
		expect(a.iv).not.toBe(b.iv);
		expect(a.ciphertext).not.toBe(b.ciphertext);
		expect(a.salt).toBe(b.salt);
		expect(await open(key, a)).toEqual(await open(key, b));
	});

	it(`writes no plaintext key into the sealed record (seed ${SEED + 3})`, async () => {
		const rng = createRng(SEED + 3);
		for (let i = 0; i < 20; i++) {
			const secrets = randomSecrets(rng);
			const salt = randomSalt();
			const json = JSON.stringify(
				await seal(await deriveKey('pass phrase!', salt, FAST, WEAK), salt, FAST, secrets)
			);
			expect(json).not.toContain('sk-ant-');
			expect(json).not.toContain('pass phrase!');
			for (const value of Object.values(secrets)) expect(json).not.toContain(value);
		}
	});

	it('lists the names of the stored secrets, in catalogue order, and nothing else in the clear', async () => {
		const salt = randomSalt();
		const key = await deriveKey('correct horse battery', salt, FAST, WEAK);
		const sealed = await seal(key, salt, FAST, { fred: 'f'.repeat(32), anthropic: 'sk-ant-x'.repeat(4) }, 42);
		expect(sealed).toMatchObject({
			id: 'vault',
			v: 1,
			kdf: 'PBKDF2-SHA256',
			iterations: FAST,
			salt: toBase64(salt),
			names: ['anthropic', 'fred'],
			updatedAt: 42
		});
		expect(Object.keys(sealed).sort()).toEqual(
			['ciphertext', 'id', 'iterations', 'iv', 'kdf', 'names', 'salt', 'updatedAt', 'v'].sort()
		);
	});

	it('derives a key that can encrypt and decrypt but never be exported', async () => {
		const key = await deriveKey('correct horse battery', randomSalt(), FAST, WEAK);
		expect(key.extractable).toBe(false);
		expect([...key.usages].sort()).toEqual(['decrypt', 'encrypt']);
		expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
		await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
	});

	it('derives at the OWASP count of 600,000 iterations in well under a few seconds', async () => {
		const salt = randomSalt();
		const started = performance.now();
		const key = await deriveKey('correct horse battery', salt, PBKDF2_ITERATIONS);
		const elapsed = performance.now() - started;
		console.info(`PBKDF2-SHA256 × ${PBKDF2_ITERATIONS}: ${elapsed.toFixed(0)} ms`);
		const sealed = await seal(key, salt, PBKDF2_ITERATIONS, { polygon: 'Q'.repeat(31) + '7' });
		expect(sealed.iterations).toBe(600_000);
		expect(await open(key, sealed)).toEqual({ polygon: 'Q'.repeat(31) + '7' });
		// Generous bound: shared CI machines are slow, but minutes would mean a broken derivation.
		expect(elapsed).toBeLessThan(10_000);
	});

	it('refuses fewer than 600,000 iterations unless a test asks for weak derivation', async () => {
		expect(await codeOf(deriveKey('correct horse battery', randomSalt(), 599_999))).toBe('weak_kdf');
		expect(await codeOf(deriveKey('correct horse battery', randomSalt(), 0, WEAK))).toBe('weak_kdf');
		expect(await codeOf(deriveKey('correct horse battery', randomSalt(), 1.5, WEAK))).toBe('weak_kdf');
		expect(await codeOf(deriveKey('correct horse battery', new Uint8Array(8), FAST, WEAK))).toBe('weak_kdf');
	});

	it('derives the same key from a passphrase typed composed or decomposed (NFC)', async () => {
		const salt = randomSalt();
		const composed = 'caf\u00e9 au lait';
		const decomposed = 'cafe\u0301 au lait';
		const sealed = await seal(await deriveKey(composed, salt, FAST, WEAK), salt, FAST, {
			fred: 'a'.repeat(32)
		});
		expect(await open(await deriveKey(decomposed, salt, FAST, WEAK), sealed)).toEqual({
			fred: 'a'.repeat(32)
		});
	});

	it('reports a plaintext that authenticates but is not a secrets object as corrupt', async () => {
		const salt = randomSalt();
		const key = await deriveKey('correct horse battery', salt, FAST, WEAK);
		// The additional data format is part of the record format: pinning it here keeps old records openable.
		const sealWith = async (plain: string, names: SealedVault['names']): Promise<SealedVault> => {
			const iv = randomSalt().slice(0, 12);
			const header = { v: 1, kdf: 'PBKDF2-SHA256', iterations: FAST, salt: toBase64(salt), names } as const;
			const aad = JSON.stringify(['mltrainer-vault', 1, 'PBKDF2-SHA256', FAST, header.salt, names]);
			const ct = await crypto.subtle.encrypt(
				{ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
				key,
				new TextEncoder().encode(plain)
			);
			return {
				id: 'vault',
				...header,
				iv: toBase64(iv),
				ciphertext: toBase64(new Uint8Array(ct)),
				updatedAt: 0
			};
		};
		expect(await open(key, await sealWith('{"fred":"abc"}', ['fred']))).toEqual({ fred: 'abc' });
		expect(await codeOf(open(key, await sealWith('not json', [])))).toBe('corrupt');
		expect(await codeOf(open(key, await sealWith('["fred"]', [])))).toBe('corrupt');
		expect(await codeOf(open(key, await sealWith('{"github":"x"}', [])))).toBe('corrupt');
		expect(await codeOf(open(key, await sealWith('{"__proto__":{"fred":"x"}}', [])))).toBe('corrupt');
		expect(await codeOf(open(key, await sealWith('{"fred":""}', ['fred'])))).toBe('corrupt');
		expect(await codeOf(open(key, await sealWith('{"fred":"abc"}', [])))).toBe('corrupt');
	});

	it('refuses to seal an empty value rather than write a record that cannot open', async () => {
		const salt = randomSalt();
		const key = await deriveKey('correct horse battery', salt, FAST, WEAK);
		expect(await codeOf(seal(key, salt, FAST, { polygon: '' }))).toBe('empty_value');
	});
});

describe('sealedVaultSchema', () => {
	async function valid(): Promise<SealedVault> {
		const salt = randomSalt();
		return seal(await deriveKey('correct horse battery', salt, FAST, WEAK), salt, FAST, {
			fred: 'b'.repeat(32)
		});
	}

	it('accepts what seal writes, after a trip through JSON', async () => {
		const record = await valid();
		expect(sealedVaultSchema.parse(JSON.parse(JSON.stringify(record)))).toEqual(record);
	});

	it.each([
		['another version', { v: 2 }],
		['another KDF', { kdf: 'scrypt' }],
		['another id', { id: 'keys' }],
		['fractional iterations', { iterations: 1000.5 }],
		['iterations that would freeze the tab', { iterations: 1e9 }],
		['a short salt', { salt: toBase64(new Uint8Array(8)) }],
		['a long IV', { iv: toBase64(new Uint8Array(16)) }],
		['a ciphertext shorter than the GCM tag', { ciphertext: toBase64(new Uint8Array(15)) }],
		['a salt that is not base64', { salt: 'not base64 at all!' }],
		['an unknown secret name', { names: ['github'] }],
		['a missing field', { updatedAt: undefined }]
	])('rejects a record with %s', async (_label, patch) => {
		expect(sealedVaultSchema.safeParse({ ...(await valid()), ...patch }).success).toBe(false);
	});

	it('rejects things that are not records at all', () => {
		for (const raw of [null, 42, 'vault', [], {}])
			expect(sealedVaultSchema.safeParse(raw).success).toBe(false);
	});
});

describe('checkPassphrase', () => {
	it.each([
		['correct horse', true],
		['12345678', true],
		['🔑🔑🔑🔑🔑🔑🔑🔑', true],
		['1234567', false],
		['', false],
		['        ', false],
		['  short  ', false],
		// Four emoji are eight UTF-16 units but four characters a person typed.
		['🔑🔑🔑🔑', false]
	])('judges %j acceptable: %s', (passphrase, ok) => {
		if (ok) expect(() => checkPassphrase(passphrase)).not.toThrow();
		else
			expect(() => checkPassphrase(passphrase)).toThrow(expect.objectContaining({ code: 'weak_passphrase' }));
	});
});

describe('base64 helpers', () => {
	it('round-trip every byte value and match Node’s encoder', () => {
		const all = Uint8Array.from({ length: 256 }, (_, i) => i);
		expect(toBase64(all)).toBe(Buffer.from(all).toString('base64'));
		expect(fromBase64(toBase64(all))).toEqual(all);
		expect(randomSalt()).toHaveLength(SALT_BYTES);
	});
});

describe('VaultError', () => {
	it('carries a code and a user message, and keeps the detail apart', () => {
		const e = new VaultError('locked', 'internal detail');
		expect(e).toBeInstanceOf(Error);
		expect(e.code).toBe('locked');
		expect(e.message).toMatch(/locked/);
		expect(e.message).not.toContain('internal detail');
		expect(e.detail).toBe('internal detail');
	});
});
