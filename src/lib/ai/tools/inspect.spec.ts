import { describe, expect, it } from 'vitest';
import { inspectInput, MAX_INPUT_DEPTH, MAX_INPUT_JSON_CHARS, MAX_INPUT_STRING_CHARS } from './inspect';

function nested(levels: number): unknown {
	let value: unknown = 1;
	for (let i = 1; i < levels; i++) value = { a: value };
	return { a: value };
}

describe('inspectInput', () => {
	it('accepts plain JSON within every limit', () => {
		expect(inspectInput({ a: [1, 'x', null, true, { b: -0 }], c: {} })).toBeNull();
		expect(inspectInput(Object.assign(Object.create(null), { a: 1 }))).toBeNull();
	});

	it('accepts exactly the depth limit and refuses one level more', () => {
		expect(inspectInput(nested(MAX_INPUT_DEPTH))).toBeNull();
		expect(inspectInput(nested(MAX_INPUT_DEPTH + 1))?.code).toBe('too_deep');
	});

	it('refuses nesting of a hundred thousand levels without overflowing the stack', () => {
		let deep: unknown = [];
		for (let i = 0; i < 100_000; i++) deep = [deep];
		expect(inspectInput({ deep })?.code).toBe('too_deep');
	});

	it('accepts a string of exactly the limit and refuses one character more', () => {
		expect(inspectInput({ s: 'x'.repeat(MAX_INPUT_STRING_CHARS) })).toBeNull();
		const p = inspectInput({ s: 'x'.repeat(MAX_INPUT_STRING_CHARS + 1) });
		expect(p).toMatchObject({ code: 'too_large', path: ['s'] });
	});

	it('refuses a key longer than the string limit', () => {
		expect(inspectInput({ ['k'.repeat(MAX_INPUT_STRING_CHARS + 1)]: 1 })?.code).toBe('too_large');
	});

	it('measures the JSON length exactly at the limit', () => {
		// {"s":["…","…",…]} built to land exactly on the limit.
		const strings: string[] = [];
		let json = JSON.stringify({ s: strings });
		while (json.length + 4_002 <= MAX_INPUT_JSON_CHARS) {
			strings.push('x'.repeat(4_000));
			json = JSON.stringify({ s: strings });
		}
		strings.push('x'.repeat(MAX_INPUT_JSON_CHARS - json.length - 3));
		expect(JSON.stringify({ s: strings }).length).toBe(MAX_INPUT_JSON_CHARS);
		expect(inspectInput({ s: strings })).toBeNull();
		strings[strings.length - 1] += 'x';
		expect(inspectInput({ s: strings })?.code).toBe('too_large');
	});

	it('refuses a huge array before reading its elements', () => {
		// A proxy counts element reads: the length alone must decide (a timing bound would be flaky on a busy box).
		let reads = 0;
		const huge = new Proxy(new Array(10_000_000), {
			get(target, key, receiver) {
				if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
				return Reflect.get(target, key, receiver);
			}
		});
		expect(inspectInput({ a: huge })?.code).toBe('too_large');
		expect(reads).toBe(0);
	});

	it('refuses __proto__, constructor and prototype as own keys anywhere, naming where', () => {
		expect(inspectInput(JSON.parse('{"__proto__":{"polluted":true}}'))).toMatchObject({
			code: 'forbidden_key',
			path: ['__proto__']
		});
		expect(inspectInput(JSON.parse('{"a":[{"b":{"constructor":{"prototype":{}}}}]}'))).toMatchObject({
			code: 'forbidden_key',
			path: ['a', 0, 'b', 'constructor']
		});
		expect(inspectInput(JSON.parse('{"prototype":1}'))?.code).toBe('forbidden_key');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('refuses a cycle as too deep', () => {
		const a: Record<string, unknown> = {};
		a.b = [a];
		expect(inspectInput(a)).toMatchObject({ code: 'too_deep', path: ['b', 0] });
	});

	it('accepts the same object twice when it is not a cycle', () => {
		const shared = { x: 1 };
		expect(inspectInput({ a: shared, b: shared })).toBeNull();
	});

	it('never calls a getter and refuses it', () => {
		let called = false;
		const input = Object.defineProperty({}, 'spec', {
			enumerable: true,
			get() {
				called = true;
				return {};
			}
		});
		expect(inspectInput(input)).toMatchObject({ code: 'invalid_input', path: ['spec'] });
		expect(called).toBe(false);
	});

	it('refuses values JSON cannot hold', () => {
		class Spec {
			x = 1;
		}
		for (const bad of [new Date(0), new Map(), new Spec(), () => 1, Symbol('s'), 10n, new Uint8Array(2)])
			expect(inspectInput({ v: bad })?.code, String(typeof bad)).toBe('invalid_input');
		expect(inspectInput({ [Symbol('k')]: 1 })?.code).toBe('invalid_input');
	});

	it('never throws, even for a Proxy whose traps throw', () => {
		const hostile = new Proxy(
			{},
			{
				ownKeys() {
					throw new Error('trap');
				}
			}
		);
		expect(inspectInput({ a: hostile })).toMatchObject({ code: 'invalid_input' });
	});
});
