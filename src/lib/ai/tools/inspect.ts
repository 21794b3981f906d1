/**
 * A look at Claude's raw tool input before any schema touches it: is it plain JSON, small enough, shallow enough,
 * and free of the keys that reach into prototypes? The input comes from JSON.parse of Claude's output, so it
 * should be plain data; the walk still reads through property descriptors (never calling a getter), guards
 * against cycles and refuses anything JSON cannot hold, because a parser must not trust what it parses. Text that
 * holds characters nobody can see (zero-width, Unicode tags, bidi overrides: domain/text.ts) is refused too, in
 * every key and value of every tool, so a hidden instruction never reaches an approval card or storage.
 */
import { describeHidden, findHidden } from '../../domain/text';

/** Claude's largest legitimate input (a trial spec with a rationale) is a few thousand characters. */
export const MAX_INPUT_JSON_CHARS = 20_000;
/** The deepest legitimate input is input › spec › model › params › list: 5 levels. */
export const MAX_INPUT_DEPTH = 12;
/** No single string (key or value) of a legitimate input comes near this; the schemas bound each field tighter. */
export const MAX_INPUT_STRING_CHARS = 5_000;

/** Own keys that can reach a prototype when an object is copied or merged: refused wherever they appear. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export type InspectCode = 'invalid_input' | 'forbidden_key' | 'too_large' | 'too_deep' | 'hidden_text';

/** Texts with hidden characters named in one refusal; more are counted, not listed. */
export const MAX_HIDDEN_REPORTS = 10;

export interface InspectProblem {
	readonly code: InspectCode;
	/** Path segments from the input's root to the problem. */
	readonly path: readonly (string | number)[];
	readonly message: string;
	/** Further problems of the same kind (hidden text in several fields), each with its own path. */
	readonly more?: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
}

interface Walk {
	/** A lower bound on the JSON length seen so far, to stop early on huge inputs. */
	chars: number;
	readonly ancestors: Set<object>;
	/** Every text (value or key) found holding hidden characters, in walk order. */
	readonly hidden: { readonly path: (string | number)[]; readonly message: string }[];
}

function noteHidden(text: string, path: (string | number)[], walk: Walk, what: string): void {
	const found = findHidden(text);
	if (found.total > 0)
		walk.hidden.push({
			path,
			message: `${what} holds ${describeHidden(found)} that nobody can see (remove them)`
		});
}

function problem(code: InspectCode, path: readonly (string | number)[], message: string): InspectProblem {
	return { code, path: [...path], message };
}

function tooLarge(): InspectProblem {
	return problem(
		'too_large',
		[],
		`input is longer than ${MAX_INPUT_JSON_CHARS.toLocaleString('en-US')} characters of JSON`
	);
}

/** The first problem found in `input`, or null when it is plain JSON within every limit. Never throws. */
export function inspectInput(input: unknown): InspectProblem | null {
	try {
		const walk: Walk = { chars: 0, ancestors: new Set(), hidden: [] };
		const found = visit(input, [], 1, walk);
		if (found) return found;
		// Exact length, now that the value is known to be acyclic plain data of bounded size.
		const json = JSON.stringify(input);
		if (json !== undefined && json.length > MAX_INPUT_JSON_CHARS) return tooLarge();
		const [first, ...rest] = walk.hidden;
		if (!first) return null;
		const listed = rest.slice(0, MAX_HIDDEN_REPORTS - 1);
		const unlisted = rest.length - listed.length;
		const more =
			unlisted > 0 ? [...listed, { path: [], message: `and ${unlisted} more texts like these` }] : listed;
		return { code: 'hidden_text', path: first.path, message: first.message, more };
	} catch {
		// A Proxy or an exotic object can still throw from a trap; whatever it is, it is not plain JSON.
		return problem('invalid_input', [], 'input is not plain JSON');
	}
}

function visit(value: unknown, path: (string | number)[], depth: number, walk: Walk): InspectProblem | null {
	switch (typeof value) {
		case 'string':
			if (value.length > MAX_INPUT_STRING_CHARS)
				return problem(
					'too_large',
					path,
					`text is ${value.length.toLocaleString('en-US')} characters; the limit is ${MAX_INPUT_STRING_CHARS.toLocaleString('en-US')}`
				);
			walk.chars += value.length + 2;
			if (walk.chars > MAX_INPUT_JSON_CHARS) return tooLarge();
			noteHidden(value, path, walk, 'text');
			return null;
		case 'number':
		case 'boolean':
		case 'undefined':
			walk.chars += 1;
			return null;
		case 'object':
			return value === null ? ((walk.chars += 4), null) : visitObject(value, path, depth, walk);
		default:
			return problem('invalid_input', path, `a ${typeof value} is not a JSON value`);
	}
}

function visitObject(
	value: object,
	path: (string | number)[],
	depth: number,
	walk: Walk
): InspectProblem | null {
	if (walk.ancestors.has(value)) return problem('too_deep', path, 'input refers to itself (a cycle)');
	if (depth > MAX_INPUT_DEPTH)
		return problem('too_deep', path, `input nests deeper than ${MAX_INPUT_DEPTH} levels`);
	const isArray = Array.isArray(value);
	const proto = Object.getPrototypeOf(value);
	if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null)
		return problem('invalid_input', path, 'not a plain JSON object or array');
	walk.ancestors.add(value);
	const keys: (string | number)[] = [];
	if (isArray) {
		const length = (value as unknown[]).length;
		// Every element costs at least one character (its comma), so a long array is refused before it is read.
		if (length > MAX_INPUT_JSON_CHARS) return tooLarge();
		for (let i = 0; i < length; i++) keys.push(i);
	} else {
		for (const key of Reflect.ownKeys(value)) {
			if (typeof key === 'symbol') return problem('invalid_input', path, 'a symbol key is not JSON');
			keys.push(key);
		}
		if (keys.length > MAX_INPUT_JSON_CHARS) return tooLarge();
	}
	for (const key of keys) {
		const at = [...path, key];
		if (typeof key === 'string') {
			if (FORBIDDEN_KEYS.includes(key))
				return problem(
					'forbidden_key',
					at,
					`the key ${JSON.stringify(key)} is not allowed anywhere in a tool input`
				);
			if (key.length > MAX_INPUT_STRING_CHARS)
				return problem('too_large', path, `a key is ${key.length.toLocaleString('en-US')} characters long`);
			walk.chars += key.length + 4;
			noteHidden(key, at, walk, 'the key');
		} else {
			walk.chars += 1;
		}
		if (walk.chars > MAX_INPUT_JSON_CHARS) return tooLarge();
		const descriptor = Object.getOwnPropertyDescriptor(value, key);
		if (descriptor && (descriptor.get || descriptor.set))
			return problem('invalid_input', at, 'an accessor property is not JSON');
		const found = visit(descriptor?.value, at, depth + 1, walk);
		if (found) return found;
	}
	walk.ancestors.delete(value);
	return null;
}
