/**
 * Seeded generation of tool calls for the fuzz test (fuzz.spec.ts): a random valid input of a random tool, then
 * zero to three mutations of the kinds an injected or confused model might produce. Each mutation says whether
 * it makes the call certainly invalid, so the test can insist that such a call is refused. Test-only: nothing in
 * the product imports this file.
 */
import type { Rng } from '../domain/random';
import { chance, pick, validInput } from './tool-fuzz-inputs';
import type { ToolParseCode } from '../ai/tools/parse';
import { TOOL_NAMES, type ToolName } from '../ai/tools/schemas';

export interface FuzzCase {
	readonly seed: number;
	readonly tool: ToolName;
	name: unknown;
	input: unknown;
	/** What was done, for the failure message. */
	readonly ops: string[];
	/** Set when some mutation makes the call invalid whatever else happened. */
	invalidBecause: string | null;
	/** The refusal code the call must get, when the mutations pin it down. */
	expectCode: ToolParseCode | null;
	/** Certain mutations still in effect: what, where (null for the name) and the code each decides alone. */
	readonly certain: { why: string; at: string | null; code: ToolParseCode | null }[];
	/** How many mutations of the certain kind were applied, in effect or not. */
	structural: number;
	/** Paths whose value a mutation replaced by one of another type (see `fresh`). */
	readonly retyped: string[];
	/** Set by a getter mutation; must stay false (the parser never calls a getter). */
	readonly getterCalled: { value: boolean };
}

type Json = unknown;
type Container = Record<string, unknown> | unknown[];

// ---- where a mutation can land ----

interface Slot {
	readonly parent: Container;
	readonly key: string | number;
	readonly path: readonly (string | number)[];
}

/** Every value slot under the box's root (the root itself included), objects and arrays walked once. */
function slots(box: { root: Json }): Slot[] {
	const out: Slot[] = [{ parent: box as unknown as Container, key: 'root', path: [] }];
	const seen = new Set<unknown>();
	const walk = (value: Json, path: (string | number)[]) => {
		if (typeof value !== 'object' || value === null || seen.has(value) || path.length > 40) return;
		seen.add(value);
		for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) {
			const d = Object.getOwnPropertyDescriptor(value, key);
			// A getter planted by an earlier mutation must not be called (nor written) by a later one.
			if (!d || !('value' in d)) continue;
			const child = d.value as Json;
			out.push({ parent: value as Container, key, path: [...path, key] });
			walk(child, [...path, key]);
		}
	};
	walk(box.root, []);
	return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key];
const set = (s: Slot, v: Json) => {
	(s.parent as Record<string | number, Json>)[s.key] = v;
};
const isObject = (v: Json): v is Record<string, Json> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const typeOf = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const LOOK_ALIKE_IDS = [
	'xgb00st',
	'ridge ',
	' ridge',
	'RIDGE',
	'Ridge',
	'ridge\u200b',
	'ridg\u0435',
	'xgb\u043e\u043est',
	'\uff52\uff49\uff44\uff47\uff45',
	'feedforward-mlp',
	'ridge\u0000',
	'ridge\n',
	'lstm',
	'magic_oracle',
	'',
	'xgboost\u202e',
	'ridge\u00a0'
];

const UNKNOWN_NAMES: unknown[] = [
	'run_code',
	'list_models ',
	' propose_trial',
	'PROPOSE_TRIAL',
	'propose_trial\u200b',
	'propose-trial',
	'prop\u043ese_trial',
	'list_datasets\n',
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'',
	null,
	42,
	undefined,
	{},
	['list_datasets']
];

const ODD_STRINGS = [
	'',
	' ',
	'ЅРY',
	'2024-02-30',
	'DROP TABLE trials;',
	'../../etc/passwd',
	'<script>x</script>',
	'x'.repeat(70),
	'\u202eevil',
	'null',
	'1e308'
];

const pathKey = (path: readonly (string | number)[]) => path.map((p) => `\u0000${p}`).join('');

/**
 * True when no earlier mutation retyped this slot or one of its ancestors, so its value still has the type the
 * schema wants there. Retyping a retyped slot could restore a valid type ('seven' back where a string belongs).
 */
function fresh(c: FuzzCase, path: readonly (string | number)[]): boolean {
	const key = pathKey(path);
	return !c.retyped.some((t) => key === t || key.startsWith(`${t}\u0000`));
}

type Mutation = (c: FuzzCase, box: { root: Json }, rng: Rng) => void;

/** Mutations that may or may not leave the call valid. */
const MAYBE: Record<string, Mutation> = {
	deleteKey(c, box, rng) {
		const objects = slots(box).filter((s) => isObject(get(s)) && Object.keys(get(s) as object).length > 0);
		if (objects.length === 0) return;
		const target = get(pick(rng, objects)) as Record<string, Json>;
		const key = pick(rng, Object.keys(target));
		delete target[key];
		c.ops.push(`delete ${key}`);
	},
	oddString(c, box, rng) {
		const strings = slots(box).filter((s) => typeof get(s) === 'string');
		if (strings.length === 0) return;
		const s = pick(rng, strings);
		const v = pick(rng, ODD_STRINGS);
		set(s, v);
		c.ops.push(`${s.path.join('.')} = ${JSON.stringify(v)}`);
	},
	oddNumber(c, box, rng) {
		const numbers = slots(box).filter((s) => typeof get(s) === 'number');
		if (numbers.length === 0) return;
		const s = pick(rng, numbers);
		const v = pick(rng, [-0, 0, 1.5, -1, 0.1]);
		set(s, v);
		c.ops.push(`${s.path.join('.')} = ${Object.is(v, -0) ? '-0' : v}`);
	},
	lookAlikeForGetModel(c, box, rng) {
		if (c.tool !== 'get_model' || !isObject(box.root)) return;
		box.root.model_id = pick(rng, LOOK_ALIKE_IDS);
		c.ops.push(`model_id = ${JSON.stringify(box.root.model_id)}`);
	}
};

/**
 * Records a certain mutation at `path` (null: the name) and the refusal code it decides on its own (null when
 * the schema decides).
 */
function invalid(
	c: FuzzCase,
	why: string,
	path: readonly (string | number)[] | null,
	code: ToolParseCode | null = null
): void {
	c.ops.push(why);
	c.certain.push({ why, at: path === null ? null : pathKey(path), code });
}

/** A later mutation replaced the value at `path`: certain mutations at or under it may be gone with it. */
function replaced(c: FuzzCase, path: readonly (string | number)[]): void {
	const key = pathKey(path);
	for (let i = c.certain.length - 1; i >= 0; i--) {
		const at = c.certain[i].at;
		if (at !== null && (at === key || at.startsWith(`${key}\u0000`))) c.certain.splice(i, 1);
	}
}

/** Mutations after which the call is certainly invalid. */
const CERTAIN: Record<string, Mutation> = {
	extraKey(c, box, rng) {
		const objects = slots(box).filter((s) => isObject(get(s)));
		if (objects.length === 0) return;
		const s = pick(rng, objects);
		(get(s) as Record<string, Json>)[`zz_extra_${rng.int(100)}`] = pick(rng, [1, 'x', null, {}, []]);
		invalid(c, `extra key at ${s.path.join('.') || 'root'}`, s.path);
	},
	forbiddenKey(c, box, rng) {
		const objects = slots(box).filter((s) => isObject(get(s)));
		if (objects.length === 0) return;
		const s = pick(rng, objects);
		const key = pick(rng, ['__proto__', 'constructor', 'prototype']);
		// An own property, exactly as JSON.parse makes one.
		const injected = JSON.parse(`{${JSON.stringify(key)}:{"polluted":true,"isAdmin":true}}`) as object;
		Object.defineProperty(get(s), key, { ...Object.getOwnPropertyDescriptor(injected, key)! });
		invalid(c, `own ${key} at ${s.path.join('.') || 'root'}`, s.path, 'forbidden_key');
	},
	wrongType(c, box, rng) {
		const all = slots(box);
		const s = pick(rng, all);
		const old = typeOf(get(s));
		// null is left out under params: a nullable catalog parameter would rightly accept it.
		const inParams = s.path.includes('params');
		const options = [7, 'seven', true, null, [1, 'x'], { v: 1 }].filter(
			(v) => typeOf(v) !== old && !(inParams && v === null)
		);
		const certain = fresh(c, s.path);
		replaced(c, s.path);
		set(s, pick(rng, options));
		c.retyped.push(pathKey(s.path));
		const what = `${s.path.join('.') || 'root'}: ${old} → ${typeOf(get(s))}`;
		if (certain) invalid(c, what, s.path, s.path.length === 0 ? 'invalid_input' : null);
		else c.ops.push(`${what} (a retyped slot, so not certainly invalid)`);
	},
	badNumber(c, box, rng) {
		const numbers = slots(box).filter((s) => typeof get(s) === 'number' && s.path.length > 0);
		if (numbers.length === 0) return;
		const s = pick(rng, numbers);
		const v = pick(rng, [Number.NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53 + 2]);
		replaced(c, s.path);
		set(s, v);
		invalid(c, `${s.path.join('.')} = ${v}`, s.path);
	},
	hugeString(c, box, rng) {
		const strings = slots(box).filter((s) => typeof get(s) === 'string');
		if (strings.length === 0) return;
		const s = pick(rng, strings);
		const n = pick(rng, [2_001, 5_001, 20_001, 1_000_000]);
		replaced(c, s.path);
		set(s, 'x'.repeat(n));
		invalid(c, `${s.path.join('.')} = ${n} chars`, s.path, n > 5_000 ? 'too_large' : null);
	},
	deepNest(c, box, rng) {
		const inner = slots(box).filter((x) => x.path.length > 0);
		if (inner.length === 0) return;
		const s = pick(rng, inner);
		let v = get(s);
		const levels = 13 + rng.int(30);
		for (let i = 0; i < levels; i++) v = chance(rng, 0.5) ? [v] : { a: v };
		replaced(c, s.path);
		set(s, v);
		c.retyped.push(pathKey(s.path));
		invalid(c, `${s.path.join('.')} nested ${levels} deep`, s.path, 'too_deep');
	},
	arrayForObject(c, box, rng) {
		const objects = slots(box).filter((s) => isObject(get(s)));
		if (objects.length === 0) return;
		const s = pick(rng, objects);
		replaced(c, s.path);
		set(s, chance(rng, 0.5) ? [get(s)] : []);
		c.retyped.push(pathKey(s.path));
		invalid(
			c,
			`${s.path.join('.') || 'root'} as an array`,
			s.path,
			s.path.length === 0 ? 'invalid_input' : null
		);
	},
	lookAlikeModelId(c, box, rng) {
		if (c.tool !== 'propose_trial') return;
		const spec = isObject(box.root) && isObject(box.root.spec) ? box.root.spec : null;
		if (!spec || !isObject(spec.model)) return;
		replaced(c, ['spec', 'model', 'id']);
		spec.model.id = pick(rng, LOOK_ALIKE_IDS);
		invalid(c, `spec.model.id = ${JSON.stringify(spec.model.id)}`, ['spec', 'model', 'id']);
	},
	cycle(c, box, rng) {
		const objects = slots(box).filter((s) => isObject(get(s)));
		if (objects.length === 0) return;
		const s = pick(rng, objects);
		(get(s) as Record<string, Json>).loop = box.root;
		invalid(c, `cycle at ${s.path.join('.') || 'root'}`, s.path, 'too_deep');
	},
	getter(c, box, rng) {
		const objects = slots(box).filter((s) => isObject(get(s)));
		if (objects.length === 0) return;
		const s = pick(rng, objects);
		const flag = c.getterCalled;
		Object.defineProperty(get(s), `sneaky_${c.ops.length}`, {
			enumerable: true,
			configurable: true,
			get() {
				flag.value = true;
				return 1;
			}
		});
		invalid(c, `getter at ${s.path.join('.') || 'root'}`, s.path, 'invalid_input');
	},
	unknownName(c, _box, rng) {
		c.name = pick(rng, UNKNOWN_NAMES);
		invalid(c, `name ${JSON.stringify(c.name) ?? String(c.name)}`, null, 'unknown_tool');
	}
};

/** The case for one seed: deterministic, so a failing seed can be replayed and pinned. */
export function fuzzCase(seed: number, makeRng: (seed: number) => Rng): FuzzCase {
	const rng = makeRng(seed);
	const tool = pick(rng, TOOL_NAMES);
	const box = { root: validInput(rng, tool) as Json };
	const c: FuzzCase = {
		seed,
		tool,
		name: tool,
		input: undefined,
		ops: [],
		invalidBecause: null,
		expectCode: null,
		certain: [],
		structural: 0,
		retyped: [],
		getterCalled: { value: false }
	};
	const count = pick(rng, [0, 0, 1, 1, 1, 2, 2, 3]);
	const chosen = Array.from({ length: count }, () =>
		chance(rng, 0.3)
			? { certain: false, op: pick(rng, Object.values(MAYBE)) }
			: { certain: true, op: pick(rng, Object.values(CERTAIN)) }
	);
	// Maybe-mutations first and certain ones last, so nothing undoes what made the call certainly invalid; a
	// getter goes very last, so no later mutation reads it.
	const rank = (m: { certain: boolean; op: Mutation }) => (m.op === CERTAIN.getter ? 2 : Number(m.certain));
	chosen.sort((a, b) => rank(a) - rank(b));
	for (const { certain, op } of chosen) {
		const ops = c.ops.length;
		op(c, box, rng);
		if (certain && c.ops.length > ops) c.structural++;
	}
	c.invalidBecause = c.certain[0]?.why ?? null;
	// The name is judged first, so a bad name decides the code; otherwise a lone certain mutation decides it.
	c.expectCode = c.certain.some((m) => m.code === 'unknown_tool')
		? 'unknown_tool'
		: c.structural === 1 && c.certain.length === 1
			? c.certain[0].code
			: null;
	c.input = box.root;
	return c;
}
