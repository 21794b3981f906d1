/**
 * SHA-256 of a dataset's stored columns: what exactly the models train on, so a result can name its input
 * and a re-run can prove it used the same numbers. (Provenance.sha256 is the hash of the original source
 * bytes; this one is the hash of the parsed columns, which do not depend on CSV formatting.)
 *
 * Byte layout, version 1 (all integers unsigned little-endian):
 *   ASCII "mltrainer.columns.v1\n"
 *   u32 number of columns
 *   for each column, names sorted by UTF-16 code unit:
 *     u32 byte length of the UTF-8 name, the name's UTF-8 bytes
 *     u64 number of values
 *     the values as IEEE-754 float64, little-endian
 * Every variable-length part is length-prefixed, so no two different inputs share a byte stream.
 *
 * Every NaN is written as the canonical quiet NaN 0x7ff8000000000000: JavaScript cannot tell NaN payloads
 * apart, and engines may or may not keep them through copies and structured clone, so a payload must not
 * change the hash. -0 keeps its own bits: every engine preserves it exactly, and it is a distinct float.
 *
 * Synchronous (@noble/hashes) because workers and tests need it without awaiting WebCrypto; the common case
 * (little-endian platform, no NaN) hashes each column's own memory without copying.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const CONTENT_HASH_TAG = 'mltrainer.columns.v1\n';

/** Values per hashing chunk: 512 KiB, small enough that the NaN-canonicalising copy stays in cache. */
const CHUNK_VALUES = 65_536;

/** Float64Array uses the platform's byte order; every platform we ship on is little-endian, but we check. */
const PLATFORM_IS_LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function contentSha256(columns: Readonly<Record<string, Float64Array>>): string {
	const names = Object.keys(columns).sort();
	const hasher = sha256.create();
	hasher.update(utf8ToBytes(CONTENT_HASH_TAG));
	hasher.update(u32(names.length));
	const scratch = new DataView(new ArrayBuffer(CHUNK_VALUES * 8));
	for (const name of names) {
		const column = columns[name];
		if (!(column instanceof Float64Array)) {
			throw new TypeError(`column "${name}" must be a Float64Array to be hashed`);
		}
		const nameBytes = utf8ToBytes(name);
		hasher.update(u32(nameBytes.length));
		hasher.update(nameBytes);
		hasher.update(u64(column.length));
		for (let start = 0; start < column.length; start += CHUNK_VALUES) {
			const chunk = column.subarray(start, Math.min(start + CHUNK_VALUES, column.length));
			if (PLATFORM_IS_LITTLE_ENDIAN && !hasNaN(chunk)) {
				hasher.update(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
			} else {
				hasher.update(canonicalBytes(chunk, scratch));
			}
		}
	}
	return bytesToHex(hasher.digest());
}

function hasNaN(values: Float64Array): boolean {
	for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
	return false;
}

/** Little-endian bytes of `values` in `scratch`, NaN canonicalised; correct on any platform byte order. */
function canonicalBytes(values: Float64Array, scratch: DataView): Uint8Array {
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v !== v) {
			scratch.setUint32(i * 8, 0, true);
			scratch.setUint32(i * 8 + 4, 0x7ff80000, true);
		} else {
			scratch.setFloat64(i * 8, v, true);
		}
	}
	return new Uint8Array(scratch.buffer, 0, values.length * 8);
}

function u32(n: number): Uint8Array {
	const view = new DataView(new ArrayBuffer(4));
	view.setUint32(0, n, true);
	return new Uint8Array(view.buffer);
}

function u64(n: number): Uint8Array {
	const view = new DataView(new ArrayBuffer(8));
	view.setUint32(0, n % 2 ** 32, true);
	view.setUint32(4, Math.floor(n / 2 ** 32), true);
	return new Uint8Array(view.buffer);
}
