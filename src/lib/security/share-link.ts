/**
 * Share links (issue 13, first step: the codec). A shared trial travels in the URL fragment, so no server ever sees
 * it: `v1.<payload>` where the payload is the canonical JSON of what is shared, deflated (fflate) and
 * base64url-encoded; or, with a passphrase, `v1e.<salt>.<iv>.<ciphertext>` — PBKDF2-SHA256 (600,000 iterations,
 * as the vault) → AES-GCM-256 over the deflated bytes. Decoding a link from anyone is hostile input: the link's
 * length, the decompressed size (no decompression bomb) and the JSON nesting are capped BEFORE parsing, and the
 * value is validated by zod after; every failure is a coded result, never a throw, never a write or a call.
 */
import { Inflate, deflateSync } from 'fflate';
import { canonicalJson } from '../domain/canonical-json';
import { sharedSchema, type Shared } from './share-schema';
import {
	deriveKey,
	randomSalt,
	PBKDF2_ITERATIONS,
	IV_BYTES,
	SALT_BYTES,
	type DeriveOptions
} from './vault-crypto';

/** Longest link fragment accepted (characters). */
export const MAX_LINK_CHARS = 400_000;
/** Largest decompressed payload (bytes): a bomb stops here. */
export const MAX_PAYLOAD_BYTES = 1_000_000;
/** Deepest JSON nesting accepted. */
export const MAX_DEPTH = 32;
export { MAX_CURVE_POINTS } from './share-schema';
export type { Shared, SharedTrial } from './share-schema';

export type ShareErrorCode =
	| 'too_long'
	| 'bad_format'
	| 'needs_passphrase'
	| 'wrong_passphrase'
	| 'too_large'
	| 'too_deep'
	| 'bad_json'
	| 'invalid';

export type DecodeResult =
	| { readonly ok: true; readonly value: Shared; readonly encrypted: boolean }
	| { readonly ok: false; readonly code: ShareErrorCode; readonly message: string };

const fail = (code: ShareErrorCode, message: string): DecodeResult => ({ ok: false, code, message });

export function toBase64Url(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null when `text` is not base64url (no padding, no other characters). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	try {
		const s = atob(b64);
		return Uint8Array.from(s, (c) => c.charCodeAt(0));
	} catch {
		return null;
	}
}

/** Inflates at most `max` bytes: the bytes, 'corrupt' when the data is not deflate, 'too_large' past `max`. */
export function inflateCapped(data: Uint8Array, max: number): Uint8Array | 'corrupt' | 'too_large' {
	const chunks: Uint8Array[] = [];
	let size = 0;
	let tooBig = false;
	const inf = new Inflate((chunk) => {
		size += chunk.length;
		if (size > max) {
			tooBig = true;
			throw new RangeError('too large');
		}
		chunks.push(chunk);
	});
	try {
		inf.push(data, true);
	} catch {
		return tooBig ? 'too_large' : 'corrupt';
	}
	if (tooBig) return 'too_large';
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** The deepest nesting of `[`/`{` in JSON text, strings skipped; counted before parsing. */
export function jsonDepth(text: string): number {
	let depth = 0;
	let max = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '[' || c === '{') max = Math.max(max, ++depth);
		else if (c === ']' || c === '}') depth--;
	}
	return max;
}

async function keyFor(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	opts: DeriveOptions
): Promise<CryptoKey> {
	return deriveKey(passphrase, salt, PBKDF2_ITERATIONS, opts);
}

/** The link fragment for a shared record (validated first: a link always decodes to what was shared). */
export async function encodeShare(
	value: Shared,
	options: { passphrase?: string; derive?: DeriveOptions } = {}
): Promise<string> {
	const parsed = sharedSchema.parse(value);
	const packed = deflateSync(new TextEncoder().encode(canonicalJson(parsed)), { level: 9 });
	if (options.passphrase === undefined) return `v1.${toBase64Url(packed)}`;
	const salt = randomSalt();
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const key = await keyFor(options.passphrase, salt, options.derive ?? {});
	const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, packed));
	return `v1e.${toBase64Url(salt)}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
}

/** Whether a fragment asks for a passphrase (so the page can ask before decoding). */
export function isEncrypted(link: string): boolean {
	return link.startsWith('v1e.');
}

export async function decodeShare(
	link: string,
	options: { passphrase?: string; derive?: DeriveOptions } = {}
): Promise<DecodeResult> {
	if (typeof link !== 'string' || link.length > MAX_LINK_CHARS)
		return fail('too_long', `a share link has at most ${MAX_LINK_CHARS} characters`);
	let packed: Uint8Array | null;
	const encrypted = isEncrypted(link);
	if (encrypted) {
		const parts = link.slice(4).split('.');
		const [salt, iv, body] = parts.map(fromBase64Url);
		if (parts.length !== 3 || !salt || !iv || !body || salt.length !== SALT_BYTES || iv.length !== IV_BYTES)
			return fail('bad_format', 'this is not an mlTrainer share link (its encrypted parts are malformed)');
		if (options.passphrase === undefined)
			return fail('needs_passphrase', 'this link is protected by a passphrase');
		try {
			const key = await keyFor(options.passphrase, salt, options.derive ?? {});
			packed = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, body));
		} catch {
			return fail('wrong_passphrase', 'the passphrase does not open this link (or the link was altered)');
		}
	} else {
		if (!link.startsWith('v1.'))
			return fail('bad_format', 'this is not an mlTrainer share link (version v1)');
		packed = fromBase64Url(link.slice(3));
		if (!packed) return fail('bad_format', 'the link is not valid base64url');
	}
	const bytes = inflateCapped(packed, MAX_PAYLOAD_BYTES);
	if (bytes === 'too_large')
		return fail('too_large', `the link inflates to more than ${MAX_PAYLOAD_BYTES} bytes of shared data`);
	if (bytes === 'corrupt')
		return fail('bad_format', 'the link is damaged: its compressed data does not inflate');
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return fail('bad_json', 'the shared data is not UTF-8 text');
	}
	if (jsonDepth(text) > MAX_DEPTH)
		return fail('too_deep', `the shared data nests deeper than ${MAX_DEPTH} levels`);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return fail('bad_json', 'the shared data is not JSON');
	}
	const parsed = sharedSchema.safeParse(raw);
	if (!parsed.success) {
		const i = parsed.error.issues[0];
		return fail('invalid', `the shared data is not valid: ${i.path.join('.') || 'value'}: ${i.message}`);
	}
	return { ok: true, value: parsed.data, encrypted };
}
