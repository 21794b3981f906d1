/**
 * THE fuzz test of the tool boundary: 10,000 seeded, mutated tool calls. parseToolCall must never throw, must
 * refuse every call a mutation made invalid (with the code that mutation decides), must accept every unmutated
 * call, and whatever it accepts must be a call of a real tool whose input re-parses under the strict schema and
 * passes independent checks. Object.prototype must come out untouched. A failure names its case seed; replay it
 * with `fuzzCase(seed, createRng)` and pin it in REGRESSION_SEEDS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, isRunnable, validateParams } from '../../catalog/catalog';
import { checkTrial } from '../../compliance/trial-policy';
import { checkAggregatesRequest } from '../../data/polygon';
import { createRng } from '../../domain/random';
import { fuzzCase, type FuzzCase } from '../../testing/tool-fuzz-cases';
import { FORBIDDEN_KEYS, MAX_INPUT_DEPTH, MAX_INPUT_JSON_CHARS, MAX_INPUT_STRING_CHARS } from './inspect';
import { MAX_MESSAGE_CHARS, parseToolCall, type ParsedToolCall, type ToolParseCode } from './parse';
import { TOOL_NAMES, TOOL_SCHEMAS } from './schemas';

const BASE_SEED = 20_260_611;
const CASES = 10_000;
/**
 * Case seeds that once failed, replayed on every run (tldraw's pinned-regression pattern). None so far failed
 * for a fault of the parser; the two the search found (1016134404, 1574637717, in 200,000 cases) were a fault of
 * the generator, and fixing it changed what those seeds generate, so their inputs are pinned literally below.
 */
const REGRESSION_SEEDS: readonly number[] = [];

const CODES: readonly ToolParseCode[] = [
	'unknown_tool',
	'invalid_input',
	'forbidden_key',
	'too_large',
	'too_deep',
	'hidden_text'
];

const DATASET_PROVENANCE = {
	source: 'yahoo',
	origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
	retrievedAt: '2026-11-27T10:00:00.000Z',
	sha256: '9409e9342d0657c747324e4cfabce8a8c7f663bc485b95a3378f36b0a160f8c8',
	rows: 100_000,
	firstT: 946_857_600_000,
	lastT: 1_587_081_600_000
};

/** An independent look at the raw input: the limits and forbidden keys, by a walk written separately. */
function rawFacts(input: unknown): {
	forbidden: boolean;
	depth: number;
	longestString: number;
	cyclic: boolean;
} {
	const facts = { forbidden: false, depth: 0, longestString: 0, cyclic: false };
	const stack = new Set<object>();
	const walk = (v: unknown, depth: number) => {
		if (typeof v === 'string') facts.longestString = Math.max(facts.longestString, v.length);
		if (typeof v !== 'object' || v === null) return;
		if (stack.has(v)) return void (facts.cyclic = true);
		facts.depth = Math.max(facts.depth, depth);
		if (depth > MAX_INPUT_DEPTH + 1) return;
		stack.add(v);
		for (const key of Reflect.ownKeys(v)) {
			if (typeof key === 'string' && FORBIDDEN_KEYS.includes(key)) facts.forbidden = true;
			if (typeof key === 'string') facts.longestString = Math.max(facts.longestString, key.length);
			const d = Object.getOwnPropertyDescriptor(v, key);
			if (d && 'value' in d && key !== 'length') walk(d.value, depth + 1);
		}
		stack.delete(v);
	};
	walk(input, 1);
	return facts;
}

function describeCase(c: FuzzCase, detail: string): string {
	return `case seed ${c.seed} (${c.tool}; ${c.ops.join(' | ') || 'no mutation'}): ${detail}`;
}

/** Checks an accepted call beyond the parser's own word. */
function checkAccepted(c: FuzzCase, result: ParsedToolCall): void {
	const fail = (detail: string) => {
		throw new Error(describeCase(c, detail));
	};
	if (typeof result.name !== 'string' || !(TOOL_NAMES as readonly string[]).includes(result.name))
		fail(`accepted a tool outside TOOL_NAMES: ${String(result.name)}`);
	if (c.invalidBecause) fail(`accepted although ${c.invalidBecause}`);
	const facts = rawFacts(c.input);
	if (facts.forbidden) fail('accepted an input holding a forbidden key');
	if (facts.cyclic || facts.depth > MAX_INPUT_DEPTH) fail(`accepted an input of depth ${facts.depth}`);
	if (facts.longestString > MAX_INPUT_STRING_CHARS) fail('accepted an overlong string');
	if (JSON.stringify(c.input).length > MAX_INPUT_JSON_CHARS) fail('accepted an overlong input');
	const again = TOOL_SCHEMAS[result.name].safeParse(result.input);
	if (!again.success) fail(`its output does not re-parse: ${again.error.issues[0]?.message}`);
	const twice = parseToolCall(result.name, result.input);
	expect(twice, describeCase(c, 'normalising twice changed the value')).toEqual(result);
	if (result.name === 'propose_trial') {
		const { spec } = result.input;
		const entry = CATALOG.find((e) => e.id === spec.model.id);
		if (!entry || !isRunnable(entry)) fail(`accepted model id ${JSON.stringify(spec.model.id)}`);
		if (!validateParams(spec.model.id, spec.model.params).ok) fail('accepted params the catalog refuses');
		const decision = checkTrial(spec, { id: spec.datasetId, provenance: DATASET_PROVENANCE, rows: 100_000 });
		const allowedIssues = ['validation.step', 'validation.trainLength'];
		if (!decision.allowed && !decision.issues.every((i) => allowedIssues.includes(i.path)))
			fail(`the gateway refuses what the parser accepted: ${decision.reason}`);
	}
	if (result.name === 'request_market_data' && result.input.kind === 'polygon_bars') {
		try {
			checkAggregatesRequest(result.input);
		} catch (e) {
			throw new Error(
				describeCase(c, `the Polygon client refuses what the parser accepted: ${(e as Error).message}`),
				{
					cause: e
				}
			);
		}
	}
}

/** Runs one case and returns the outcome's code ('ok' when accepted); throws with the seed on any failure. */
function runCase(seed: number): ToolParseCode | 'ok' {
	const c = fuzzCase(seed, createRng);
	let result;
	try {
		result = parseToolCall(c.name, c.input);
	} catch (e) {
		throw new Error(describeCase(c, `parseToolCall threw ${(e as Error).message}`), { cause: e });
	}
	if (c.getterCalled.value) throw new Error(describeCase(c, 'a getter was called'));
	if (result.ok) {
		checkAccepted(c, result);
		return 'ok';
	}
	const where = describeCase(c, `refused with ${result.code}: ${result.message}`);
	expect(CODES, where).toContain(result.code);
	expect(typeof result.field, where).toBe('string');
	expect(result.message.length, where).toBeGreaterThan(0);
	expect(result.message.length, where).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
	if (c.invalidBecause === null && c.ops.length === 0)
		throw new Error(`${where} — an unmutated valid call was refused`);
	if (c.expectCode !== null) expect(result.code, where).toBe(c.expectCode);
	return result.code;
}

/** Everything about Object.prototype and Array.prototype that a pollution would change. */
function prototypeSnapshot(): string {
	const describe = (o: object) =>
		Reflect.ownKeys(o)
			.map((k) => {
				const d = Object.getOwnPropertyDescriptor(o, k)!;
				return `${String(k)}:${typeof d.value}:${d.writable}:${d.enumerable}:${typeof d.get}`;
			})
			.sort()
			.join(',');
	return `${describe(Object.prototype)}|${describe(Array.prototype)}|${String(Object.getPrototypeOf(Object.prototype))}`;
}

describe('tool-call fuzzing', () => {
	let before = '';
	beforeAll(() => {
		before = prototypeSnapshot();
	});
	afterAll(() => {
		expect(prototypeSnapshot()).toBe(before);
	});

	it(`${CASES.toLocaleString('en-US')} mutated tool calls from seed ${BASE_SEED}: never a throw, never a false accept`, () => {
		const started = performance.now();
		const outcomes = new Map<string, number>();
		for (let i = 0; i < CASES; i++) {
			const outcome = runCase(BASE_SEED + i);
			outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
		}
		const elapsedMs = performance.now() - started;
		// The run must exercise both sides and every refusal code, or it proves little.
		expect(outcomes.get('ok') ?? 0).toBeGreaterThan(CASES * 0.15);
		for (const code of CODES) expect(outcomes.get(code) ?? 0, code).toBeGreaterThan(20);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
		expect(elapsedMs).toBeLessThan(20_000);
	});

	for (const seed of REGRESSION_SEEDS) {
		it(`(regression) case seed ${seed}`, () => {
			expect(() => runCase(seed)).not.toThrow();
		});
	}

	it('(regression, case seeds 1016134404 and 1574637717) measures a goal in code points, as zod 4 does', () => {
		// 10 UTF-16 units but 9 code points: the generator counted units and expected a valid goal.
		expect(parseToolCall('propose_goal', { goal: '🙂4GkDNy4w' })).toMatchObject({ ok: false, field: 'goal' });
		expect(parseToolCall('propose_goal', { goal: 'YS🙂B7nNRF' })).toMatchObject({ ok: false, field: 'goal' });
		expect(parseToolCall('propose_goal', { goal: '🙂4GkDNy4wX' }).ok).toBe(true);
	});

	it('replays a case identically from its seed', () => {
		const a = fuzzCase(BASE_SEED + 17, createRng);
		const b = fuzzCase(BASE_SEED + 17, createRng);
		expect([a.tool, a.name, a.ops]).toEqual([b.tool, b.name, b.ops]);
	});
});
