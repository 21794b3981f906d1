import { describe, expect, it } from 'vitest';
import {
	CANONICAL_JSON_MAX_DEPTH,
	CanonicalJsonError,
	canonicalJson,
	isCanonicalJsonValue,
	isPlainObject
} from './canonical-json';
import { createRng } from './random';

function codeOf(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		if (e instanceof CanonicalJsonError) return `${e.code} at ${e.path}`;
		throw e;
	}
	throw new Error('expected a CanonicalJsonError');
}

describe('canonicalJson', () => {
	it('writes primitives exactly as JSON.stringify does', () => {
		expect(canonicalJson(null)).toBe('null');
		expect(canonicalJson(true)).toBe('true');
		expect(canonicalJson(false)).toBe('false');
		expect(canonicalJson(0.1)).toBe('0.1');
		expect(canonicalJson(1e21)).toBe('1e+21');
		expect(canonicalJson(-5e-7)).toBe('-5e-7');
		expect(canonicalJson('a"b\\c\n\u0001é')).toBe(JSON.stringify('a"b\\c\n\u0001é'));
	});

	it('sorts object keys at every level and writes no whitespace', () => {
		expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
			'{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'
		);
	});

	it('sorts keys by UTF-16 code unit, so capitals come before lower case and digits before both', () => {
		// '1' (0x31) < 'B' (0x42) < '_' (0x5f) < 'a' (0x61) < 'é' (0xe9) < '😀' (surrogate 0xd83d) < '\uffff'
		expect(canonicalJson({ a: 0, é: 0, B: 0, _: 0, '1': 0, '😀': 0, '\uffff': 0 })).toBe(
			'{"1":0,"B":0,"_":0,"a":0,"é":0,"😀":0,"\uffff":0}'
		);
	});

	it('gives equal strings for equal values whatever the key insertion order (seeded shuffle, seed 20240611)', () => {
		const seed = 20240611;
		const rng = createRng(seed);
		const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
		const reference = canonicalJson(Object.fromEntries(keys.map((k, i) => [k, { v: i, w: [i, `${k}`] }])));
		for (let round = 0; round < 50; round++) {
			const shuffled = [...keys];
			for (let i = shuffled.length - 1; i > 0; i--) {
				const j = rng.int(i + 1);
				[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
			}
			const value = Object.fromEntries(
				shuffled.map((k) => [k, { w: [Number(k.slice(1)), k], v: Number(k.slice(1)) }])
			);
			expect(canonicalJson(value), `seed ${seed}, round ${round}`).toBe(reference);
		}
	});

	it('keeps arrays in their order', () => {
		expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
		expect(canonicalJson([])).toBe('[]');
		expect(canonicalJson({})).toBe('{}');
	});

	it('omits undefined object members, as JSON does', () => {
		expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
		expect(canonicalJson({ a: undefined })).toBe('{}');
	});

	it('writes -0 as 0', () => {
		expect(canonicalJson(-0)).toBe('0');
		expect(canonicalJson({ x: [-0] })).toBe('{"x":[0]}');
	});

	it('refuses NaN and the infinities with a coded error naming the path', () => {
		expect(codeOf(() => canonicalJson({ a: [1, Number.NaN] }))).toBe('non_finite_number at $.a[1]');
		expect(codeOf(() => canonicalJson(Number.POSITIVE_INFINITY))).toBe('non_finite_number at $');
		expect(codeOf(() => canonicalJson({ b: Number.NEGATIVE_INFINITY }))).toBe('non_finite_number at $.b');
	});

	it('refuses values JSON would change or drop: Dates, typed arrays, Maps, Sets, functions, symbols, bigints', () => {
		expect(codeOf(() => canonicalJson({ d: new Date(0) }))).toBe('unsupported_type at $.d');
		expect(codeOf(() => canonicalJson(new Float64Array(2)))).toBe('unsupported_type at $');
		expect(codeOf(() => canonicalJson(new Map()))).toBe('unsupported_type at $');
		expect(codeOf(() => canonicalJson(new Set([1])))).toBe('unsupported_type at $');
		expect(codeOf(() => canonicalJson({ f: () => 1 }))).toBe('unsupported_type at $.f');
		expect(codeOf(() => canonicalJson([Symbol('s')]))).toBe('unsupported_type at $[0]');
		expect(codeOf(() => canonicalJson({ n: 10n }))).toBe('unsupported_type at $.n');
		expect(codeOf(() => canonicalJson(undefined))).toBe('unsupported_type at $');
		class Point {
			x = 1;
		}
		expect(codeOf(() => canonicalJson({ p: new Point() }))).toBe('unsupported_type at $.p');
	});

	it('refuses symbol keys instead of silently dropping them', () => {
		expect(codeOf(() => canonicalJson({ [Symbol('k')]: 1, a: 2 }))).toBe('unsupported_type at $');
	});

	it('refuses undefined elements and holes in arrays, which JSON would turn into null', () => {
		expect(codeOf(() => canonicalJson([1, undefined]))).toBe('unsupported_type at $[1]');
		// eslint-disable-next-line no-sparse-arrays
		expect(codeOf(() => canonicalJson([1, , 3]))).toBe('unsupported_type at $[1]');
	});

	it('refuses cycles but accepts a shared, acyclic reference', () => {
		const a: Record<string, unknown> = { x: 1 };
		a.self = a;
		expect(codeOf(() => canonicalJson({ a }))).toBe('cycle at $.a.self');
		const shared = { v: 1 };
		expect(canonicalJson({ p: shared, q: [shared] })).toBe('{"p":{"v":1},"q":[{"v":1}]}');
	});

	it('refuses nesting deeper than the limit', () => {
		let deep: unknown = 1;
		for (let i = 0; i < CANONICAL_JSON_MAX_DEPTH; i++) deep = [deep];
		expect(canonicalJson(deep)).toBe(`${'['.repeat(64)}1${']'.repeat(64)}`);
		expect(codeOf(() => canonicalJson([deep]))).toMatch(/^too_deep at /);
	});

	it('treats a __proto__ key as data and never touches prototypes', () => {
		const parsed: unknown = JSON.parse('{"b":1,"__proto__":{"polluted":true}}');
		expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"b":1}');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		// A literal __proto__ in source sets the prototype instead, making the value not a plain object.
		expect(codeOf(() => canonicalJson({ __proto__: { a: 1 } }))).toBe('unsupported_type at $');
	});

	it('accepts null-prototype objects as plain', () => {
		const bare = Object.create(null) as Record<string, unknown>;
		bare.z = 1;
		bare.a = 2;
		expect(canonicalJson(bare)).toBe('{"a":2,"z":1}');
		expect(isPlainObject(bare)).toBe(true);
	});

	it('does not call toJSON: a toJSON member is just data in a plain object', () => {
		expect(canonicalJson({ toJSON: 'x' })).toBe('{"toJSON":"x"}');
	});

	it('round-trips through JSON.parse to the same string', () => {
		const value = { z: [1.5, -2e-300, 'é\u2028'], a: { y: true, x: null }, m: 123456789012345 };
		const text = canonicalJson(value);
		expect(canonicalJson(JSON.parse(text))).toBe(text);
	});
});

describe('isCanonicalJsonValue', () => {
	it('says whether canonicalJson accepts a value', () => {
		expect(isCanonicalJsonValue({ a: [1, 'b', null] })).toBe(true);
		expect(isCanonicalJsonValue({ a: Number.NaN })).toBe(false);
		expect(isCanonicalJsonValue(new Date())).toBe(false);
	});
});
