/**
 * The workspace backup file (issue 13), version 1: JSON Lines, gzip-compressed by the exporter.
 *
 *   line 1    {"format":"mltrainer-workspace","version":1,"appVersion","createdAt","includesChat","stores":{…}}
 *   then      {"s":"<store>","r":<row>}                       one line per stored row
 *   last      {"end":"mltrainer-workspace","stores":{…},"sha256":"<hex>"}
 *
 * The trailer's sha256 is SHA-256 over the UTF-8 bytes of every line before it (each with its "\n"), and its
 * counts must equal the rows read, so a cut, an edited byte or a dropped line is caught. (The header's counts
 * are those when the export began, for progress only: rows written while it ran may be in the file too.)
 *
 * JSON has no typed arrays, NaN, infinities or -0, so a row is encoded value by value (lossless):
 *   Float64Array (and the other typed arrays) → {"$f64":"<base64 of its bytes, little-endian>"} ($f32, $i32, …)
 *   NaN, Infinity, -Infinity, -0              → {"$num":"NaN"} etc.
 *   undefined inside an array                 → {"$undef":1}
 *   an object with one key starting with "$"  → {"$esc":{…}} (so stored data can never pass for a tag)
 * The bytes of a typed array are copied as they are (NaN payloads included): decoding gives back the same class
 * with the same bits.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';

export const BACKUP_FORMAT = 'mltrainer-workspace';
export const BACKUP_VERSION = 1;

export type BackupErrorCode =
	'bad_format' | 'bad_version' | 'corrupt' | 'truncated' | 'invalid_row' | 'hash_mismatch' | 'audit_broken';

/** Why a backup file was refused; `message` is a sentence for the user naming the line, row or dataset. */
export class BackupError extends Error {
	constructor(
		readonly code: BackupErrorCode,
		message: string
	) {
		super(message);
		this.name = 'BackupError';
	}
}

const countsSchema = z.record(z.string(), z.number().int().min(0));

export const backupHeaderSchema = z
	.object({
		format: z.literal(BACKUP_FORMAT),
		version: z.number().int().min(1),
		appVersion: z.string(),
		/** Epoch milliseconds. */
		createdAt: z.number().int().min(0),
		includesChat: z.boolean(),
		stores: countsSchema
	})
	.strict();
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupTrailerSchema = z
	.object({
		end: z.literal(BACKUP_FORMAT),
		stores: countsSchema,
		sha256: z.string().regex(/^[0-9a-f]{64}$/)
	})
	.strict();
export type BackupTrailer = z.infer<typeof backupTrailerSchema>;

type TypedArray =
	| Float64Array
	| Float32Array
	| Int32Array
	| Uint32Array
	| Int16Array
	| Uint16Array
	| Int8Array
	| Uint8Array
	| Uint8ClampedArray;
type TypedArrayClass = { new (buffer: ArrayBuffer): TypedArray; readonly BYTES_PER_ELEMENT: number };

const TYPED_TAGS: readonly (readonly [string, TypedArrayClass])[] = [
	['$f64', Float64Array],
	['$f32', Float32Array],
	['$i32', Int32Array],
	['$u32', Uint32Array],
	['$i16', Int16Array],
	['$u16', Uint16Array],
	['$i8', Int8Array],
	['$u8', Uint8Array],
	['$u8c', Uint8ClampedArray]
];
const TAG_OF = new Map<TypedArrayClass, string>(TYPED_TAGS.map(([tag, cls]) => [cls, tag]));
const CLASS_OF = new Map<string, TypedArrayClass>(TYPED_TAGS);

const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Bytes per String.fromCharCode call: far below any engine's argument limit. */
const BASE64_CHUNK_BYTES = 0x8000;

function isPlain(v: object): v is Record<string, unknown> {
	const proto: unknown = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}

function nonFinite(v: number): string | null {
	if (Number.isNaN(v)) return 'NaN';
	if (v === Infinity) return 'Infinity';
	if (v === -Infinity) return '-Infinity';
	if (Object.is(v, -0)) return '-0';
	return null;
}

/** The JSON-safe form of a stored value (see the module comment); throws a TypeError naming the path. */
export function encodeValue(value: unknown, path = '$'): unknown {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return value;
		case 'number': {
			const special = nonFinite(value);
			return special === null ? value : { $num: special };
		}
		case 'undefined':
			return undefined;
		case 'object':
			break;
		default:
			throw new TypeError(`${path}: a ${typeof value} cannot be written to a backup`);
	}
	if (value === null) return null;
	if (ArrayBuffer.isView(value)) {
		const tag = TAG_OF.get(value.constructor as TypedArrayClass);
		if (!tag) throw new TypeError(`${path}: a ${value.constructor.name} cannot be written to a backup`);
		return { [tag]: toBase64(littleEndianBytes(value as TypedArray)) };
	}
	if (Array.isArray(value)) {
		return value.map((v, i) => (v === undefined ? { $undef: 1 } : encodeValue(v, `${path}[${i}]`)));
	}
	if (!isPlain(value)) {
		throw new TypeError(`${path}: a ${value.constructor?.name ?? 'object'} cannot be written to a backup`);
	}
	const out: Record<string, unknown> = {};
	const keys = Object.keys(value);
	for (const key of keys) {
		const v = encodeValue(value[key], `${path}.${key}`);
		if (v !== undefined) defineOwn(out, key, v);
	}
	return keys.length === 1 && keys[0].startsWith('$') ? { $esc: out } : out;
}

/** The stored value back from its JSON-safe form; throws a BackupError('corrupt') on a malformed tag. */
export function decodeValue(value: unknown, path = '$'): unknown {
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) return value.map((v, i) => decodeValue(v, `${path}[${i}]`));
	const obj = value as Record<string, unknown>;
	const keys = Object.keys(obj);
	if (keys.length === 1 && keys[0].startsWith('$')) {
		const tag = keys[0];
		const inner = obj[tag];
		if (tag === '$esc' && typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
			return decodeObject(inner as Record<string, unknown>, path);
		}
		if (tag === '$num' && typeof inner === 'string') {
			const n = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }[inner];
			if (n !== undefined) return n;
		}
		if (tag === '$undef') return undefined;
		const cls = CLASS_OF.get(tag);
		if (cls && typeof inner === 'string') return typedFromBase64(cls, inner, path);
		throw new BackupError('corrupt', `${path}: "${tag}" is not a value this format knows`);
	}
	return decodeObject(obj, path);
}

function decodeObject(obj: Record<string, unknown>, path: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(obj)) defineOwn(out, key, decodeValue(obj[key], `${path}.${key}`));
	return out;
}

/** Own data property even for a "__proto__" key (plain assignment would set the prototype instead). */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function littleEndianBytes(a: TypedArray): Uint8Array {
	const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
	return PLATFORM_IS_LITTLE_ENDIAN || a.BYTES_PER_ELEMENT === 1
		? bytes
		: swapBytes(bytes.slice(), a.BYTES_PER_ELEMENT);
}

function swapBytes(bytes: Uint8Array, width: number): Uint8Array {
	for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
	return bytes;
}

function typedFromBase64(cls: TypedArrayClass, text: string, path: string): TypedArray {
	let bytes: Uint8Array<ArrayBuffer>;
	try {
		bytes = fromBase64(text);
	} catch {
		throw new BackupError('corrupt', `${path}: the typed array is not valid base64`);
	}
	if (bytes.length % cls.BYTES_PER_ELEMENT !== 0) {
		throw new BackupError('corrupt', `${path}: ${bytes.length} bytes is not a whole number of values`);
	}
	if (!PLATFORM_IS_LITTLE_ENDIAN) swapBytes(bytes, cls.BYTES_PER_ELEMENT);
	return new cls(bytes.buffer);
}

export function toBase64(bytes: Uint8Array): string {
	const parts: string[] = [];
	for (let i = 0; i < bytes.length; i += BASE64_CHUNK_BYTES) {
		parts.push(String.fromCharCode(...bytes.subarray(i, i + BASE64_CHUNK_BYTES)));
	}
	return btoa(parts.join(''));
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const binary = atob(text);
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

/** One row's line, "\n"-terminated. */
export function rowLine(store: string, row: unknown): string {
	return `${JSON.stringify({ s: store, r: encodeValue(row) })}\n`;
}

/** SHA-256 over lines as they are written or read (the trailer's hash). */
export class LineHasher {
	readonly #hash = sha256.create();
	update(line: string): void {
		this.#hash.update(utf8ToBytes(line));
	}
	hex(): string {
		return bytesToHex(this.#hash.digest());
	}
}
