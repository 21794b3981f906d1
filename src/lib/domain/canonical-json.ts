/**
 * Canonical JSON: one value, one string. Hash chains (compliance/audit.ts) and config fingerprints hash this
 * text, so two equal values must give byte-identical output whatever order their keys were inserted in.
 *
 * Rules: object keys sorted by UTF-16 code unit (the default string sort), no whitespace, arrays in order,
 * `undefined` object members omitted, -0 written as 0. Only JSON's own types are accepted: plain objects
 * (prototype Object.prototype or null), arrays, strings, finite numbers, booleans and null. Anything JSON would
 * silently change or drop (NaN → null, Date → string via toJSON, Map → {}, functions and symbols vanishing) is
 * refused instead, because a value that does not survive a JSON round trip cannot be re-hashed after storage.
 *
 * Within that domain the output equals RFC 8785 (JCS): strings and numbers are written by JSON.stringify,
 * whose number format (shortest round-trip) and escapes are fixed by ECMA-262 on every engine.
 */

export type JsonValue =
	null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type CanonicalJsonErrorCode = 'non_finite_number' | 'unsupported_type' | 'cycle' | 'too_deep';

export class CanonicalJsonError extends Error {
	constructor(
		readonly code: CanonicalJsonErrorCode,
		/** Where in the value the problem sits, e.g. `$.detail.rows[3]`. */
		readonly path: string,
		message: string
	) {
		super(`${path}: ${message}`);
		this.name = 'CanonicalJsonError';
	}
}

/** Nesting deeper than this is refused rather than risking a stack overflow on hostile input. */
export const CANONICAL_JSON_MAX_DEPTH = 64;

export function canonicalJson(value: unknown): string {
	const parts: string[] = [];
	write(value, '$', 0, new Set(), parts);
	return parts.join('');
}

/** True when {@link canonicalJson} accepts `value`. */
export function isCanonicalJsonValue(value: unknown): boolean {
	try {
		canonicalJson(value);
		return true;
	} catch (e) {
		if (e instanceof CanonicalJsonError) return false;
		throw e;
	}
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string, depth: number, open: Set<object>, out: string[]): void {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			out.push(JSON.stringify(value));
			return;
		case 'number':
			if (!Number.isFinite(value)) {
				throw new CanonicalJsonError('non_finite_number', path, `${value} has no JSON form`);
			}
			// JSON.stringify(-0) is '0', which is the normalisation we want.
			out.push(JSON.stringify(value));
			return;
		case 'object':
			if (value === null) {
				out.push('null');
				return;
			}
			break;
		default:
			throw new CanonicalJsonError('unsupported_type', path, `a ${typeof value} has no JSON form`);
	}

	if (depth >= CANONICAL_JSON_MAX_DEPTH) {
		throw new CanonicalJsonError('too_deep', path, `nesting deeper than ${CANONICAL_JSON_MAX_DEPTH} levels`);
	}
	// Only the current path is tracked: a shared (acyclic) reference is fine and is simply written twice.
	if (open.has(value)) throw new CanonicalJsonError('cycle', path, 'the value refers to itself');
	open.add(value);

	if (Array.isArray(value)) {
		out.push('[');
		for (let i = 0; i < value.length; i++) {
			if (i > 0) out.push(',');
			// A hole or an undefined element would become null in JSON, changing the value; refuse both.
			if (!(i in value) || value[i] === undefined) {
				throw new CanonicalJsonError('unsupported_type', `${path}[${i}]`, 'arrays may not hold undefined');
			}
			write(value[i], `${path}[${i}]`, depth + 1, open, out);
		}
		out.push(']');
	} else if (isPlainObject(value)) {
		if (Object.getOwnPropertySymbols(value).length > 0) {
			throw new CanonicalJsonError('unsupported_type', path, 'symbol keys have no JSON form');
		}
		// Object.keys lists an own "__proto__" data property like any other key, and reading value[key] returns
		// that own property (it shadows the inherited accessor), so such keys are written as data.
		const keys = Object.keys(value).sort();
		out.push('{');
		let first = true;
		for (const key of keys) {
			const member = value[key];
			if (member === undefined) continue;
			if (!first) out.push(',');
			first = false;
			out.push(JSON.stringify(key), ':');
			write(member, `${path}.${key}`, depth + 1, open, out);
		}
		out.push('}');
	} else {
		const name = (value as object).constructor?.name ?? 'object';
		throw new CanonicalJsonError('unsupported_type', path, `a ${name} is not a plain object or array`);
	}
	open.delete(value);
}
