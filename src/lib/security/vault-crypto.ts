/**
 * The cryptography of the key vault: a passphrase becomes a non-extractable AES-GCM key (PBKDF2-SHA256), and
 * the user's API keys are sealed into one record that may rest in IndexedDB (reference B.5, option 3).
 * Pure WebCrypto: it runs the same in the page, in a worker and in Node tests.
 */
import { z } from 'zod';

/** OWASP password-storage cheat sheet: PBKDF2-HMAC-SHA256 with at least 600,000 iterations. */
export const PBKDF2_ITERATIONS = 600_000;
/**
 * The fewest iterations a record may ask for. Kept apart from PBKDF2_ITERATIONS on purpose: raising the count
 * we write must not lock users out of records written with the old one.
 */
export const PBKDF2_MIN_ITERATIONS = 600_000;
/** A corrupt or hostile record must not freeze the tab for minutes on unlock (~10 s in a browser). */
export const PBKDF2_MAX_ITERATIONS = 10_000_000;
/** 128-bit salt, the NIST SP 800-132 minimum, so two users' equal passphrases never share a key. */
export const SALT_BYTES = 16;
/** 96-bit IV, the size AES-GCM is specified for; fresh for every seal (reusing one under a key breaks GCM). */
export const IV_BYTES = 12;
/** AES-GCM appends a 128-bit authentication tag to every ciphertext. */
export const GCM_TAG_BYTES = 16;
/** Short passphrases fall to a guessing attack even at 600,000 iterations. */
export const MIN_PASSPHRASE_CHARS = 8;

/** Every secret the app keeps. `fred` is the FRED key a user's own relay forwards (FRED sends no CORS). */
export const SECRET_NAMES = ['polygon', 'anthropic', 'fred'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Partial<Record<SecretName, string>>;

export type VaultErrorCode =
	| 'wrong_passphrase'
	| 'weak_passphrase'
	| 'weak_kdf'
	| 'locked'
	| 'corrupt'
	| 'empty_value'
	| 'not_stored'
	| 'already_stored';

const USER_MESSAGES: Record<VaultErrorCode, string> = {
	wrong_passphrase: 'That passphrase does not unlock the key vault.',
	weak_passphrase: `Choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters.`,
	weak_kdf: 'The key vault refused a key derivation weaker than it allows.',
	locked: 'The key vault is locked. Unlock it with your passphrase first.',
	corrupt:
		'The stored key vault could not be read. It has been kept as it is; you can remove it and enter your keys again.',
	empty_value: 'A key cannot be empty.',
	not_stored: 'Your keys are not stored on this device.',
	already_stored: 'Your keys are already stored on this device.'
};

/** A vault failure: `code` for callers to switch on, `message` for the user, `detail` for the log. */
export class VaultError extends Error {
	constructor(
		readonly code: VaultErrorCode,
		/** What the log keeps; never a secret or a passphrase. */
		readonly detail?: string
	) {
		super(USER_MESSAGES[code]);
		this.name = 'VaultError';
	}
}

/** Standard base64 with padding, as `btoa` writes it; Node 20 has no Uint8Array.toBase64 yet. */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

/** Decoded size of a padded base64 string, without decoding it. */
function base64Bytes(text: string): number {
	const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
	return (text.length / 4) * 3 - padding;
}

const bytesField = (min: number, max: number) =>
	z.base64().refine((s) => base64Bytes(s) >= min && base64Bytes(s) <= max, {
		message: `expected ${min === max ? min : `${min}–${max}`} bytes`
	});

/**
 * The record the store keeps. `names` is public on purpose (which keys exist is not secret), so a locked
 * vault can still say "Polygon key stored, locked"; it is bound to the ciphertext as additional data.
 * The iteration floor is checked by deriveKey, not here, so tests can write weak records with allowWeak.
 */
export const sealedVaultSchema = z.object({
	id: z.literal('vault'),
	v: z.literal(1),
	kdf: z.literal('PBKDF2-SHA256'),
	iterations: z.number().int().min(1).max(PBKDF2_MAX_ITERATIONS),
	salt: bytesField(SALT_BYTES, SALT_BYTES),
	iv: bytesField(IV_BYTES, IV_BYTES),
	// 1 MiB is far beyond three API keys; the cap keeps a corrupt record from costing a large decrypt.
	ciphertext: bytesField(GCM_TAG_BYTES, 1 << 20),
	names: z.array(z.enum(SECRET_NAMES)),
	updatedAt: z.number()
});
export type SealedVault = z.infer<typeof sealedVaultSchema>;

/** The plaintext inside the ciphertext: only known names (strict, so `__proto__` is refused too), non-empty. */
const secretsSchema = z.strictObject(
	Object.fromEntries(SECRET_NAMES.map((n) => [n, z.string().min(1).optional()])) as Record<
		SecretName,
		z.ZodOptional<z.ZodString>
	>
);

export function randomSalt(): Uint8Array<ArrayBuffer> {
	return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/** Throws weak_passphrase for a passphrase too short to protect anything; checked when one is chosen. */
export function checkPassphrase(passphrase: string): void {
	// Count code points, not UTF-16 units, and ignore surrounding blanks: "        " is not a passphrase.
	if ([...passphrase.trim()].length < MIN_PASSPHRASE_CHARS) throw new VaultError('weak_passphrase');
}

export interface DeriveOptions {
	/** Tests only: accept fewer than PBKDF2_MIN_ITERATIONS so that hundreds of derivations stay fast. */
	allowWeak?: boolean;
}

/** PBKDF2-SHA256 → AES-GCM-256 key that script can use but never read (`extractable: false`). */
export async function deriveKey(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number,
	opts: DeriveOptions = {}
): Promise<CryptoKey> {
	if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS)
		throw new VaultError('weak_kdf', `iterations ${iterations} out of range`);
	if (iterations < PBKDF2_MIN_ITERATIONS && opts.allowWeak !== true)
		throw new VaultError('weak_kdf', `iterations ${iterations} < ${PBKDF2_MIN_ITERATIONS}`);
	if (salt.length !== SALT_BYTES) throw new VaultError('weak_kdf', `salt of ${salt.length} bytes`);
	// NFC so that the same passphrase typed through different keyboards or IMEs derives the same key.
	const material = new TextEncoder().encode(passphrase.normalize('NFC'));
	const base = await crypto.subtle.importKey('raw', material, 'PBKDF2', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' },
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Names in catalogue order, so the record and its additional data never depend on insertion order. */
function namesOf(secrets: Secrets): SecretName[] {
	return SECRET_NAMES.filter((n) => secrets[n] !== undefined);
}

/**
 * The record's public header, authenticated with the ciphertext: editing the names, the salt or the
 * iteration count in storage makes the record fail to open instead of lying about its contents.
 */
function additionalData(
	r: Pick<SealedVault, 'v' | 'kdf' | 'iterations' | 'salt' | 'names'>
): Uint8Array<ArrayBuffer> {
	return new TextEncoder().encode(
		JSON.stringify(['mltrainer-vault', r.v, r.kdf, r.iterations, r.salt, r.names])
	);
}

/** Encrypts the secrets under `key` with a fresh IV. `salt` and `iterations` are recorded for the next unlock. */
export async function seal(
	key: CryptoKey,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number,
	secrets: Secrets,
	updatedAt: number = Date.now()
): Promise<SealedVault> {
	const names = namesOf(secrets);
	const plain: Secrets = {};
	for (const n of names) {
		// An empty value would seal fine and then fail to open as corrupt; refuse it at the door instead.
		if (secrets[n] === '') throw new VaultError('empty_value', n);
		plain[n] = secrets[n];
	}
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const header = { v: 1, kdf: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), names } as const;
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: additionalData(header) },
		key,
		new TextEncoder().encode(JSON.stringify(plain))
	);
	return {
		id: 'vault',
		...header,
		iv: toBase64(iv),
		ciphertext: toBase64(new Uint8Array(ciphertext)),
		updatedAt
	};
}

/**
 * Decrypts a parsed record. GCM cannot tell a wrong key from a tampered record, so both are
 * wrong_passphrase; a plaintext that authenticates but does not parse is corrupt.
 */
export async function open(key: CryptoKey, sealed: SealedVault): Promise<Secrets> {
	let plain: ArrayBuffer;
	try {
		plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: additionalData(sealed) },
			key,
			fromBase64(sealed.ciphertext)
		);
	} catch (e) {
		throw new VaultError('wrong_passphrase', e instanceof Error ? e.name : 'decrypt failed');
	}
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
	} catch {
		throw new VaultError('corrupt', 'plaintext is not JSON');
	}
	const parsed = secretsSchema.safeParse(json);
	if (!parsed.success) throw new VaultError('corrupt', 'plaintext does not match the secrets schema');
	const secrets: Secrets = parsed.data;
	const inside = namesOf(secrets).join(',');
	if (inside !== sealed.names.join(','))
		throw new VaultError('corrupt', `names [${sealed.names.join(',')}] but plaintext holds [${inside}]`);
	return secrets;
}
