import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, KNOWN_MODELS, isKnownModel, modelIdSchema } from './models';

const SDK = 'node_modules/@anthropic-ai/sdk';

/** The literal ids of the installed SDK's `export type Model = '…' | … | (string & {});`. */
function sdkModelIds(): string[] {
	const dts = readFileSync(`${SDK}/resources/messages/messages.d.ts`, 'utf8');
	const union = /export type Model = ([^;]+);/.exec(dts);
	if (!union) throw new Error('The SDK no longer declares `export type Model`: update this test.');
	return [...union[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

/** Ids the SDK warns about as deprecated (its generated data file). */
function sdkDeprecatedIds(): string[] {
	const js = readFileSync(`${SDK}/internal/data/deprecated-models.js`, 'utf8');
	return [...js.matchAll(/'(claude-[^']+)':/g)].map((m) => m[1]);
}

interface Parsed {
	readonly line: string;
	readonly major: number;
	readonly minor: number;
	/** A dated snapshot (`-20250929`) of a version that also has an undated alias. */
	readonly dated: boolean;
}

/** `claude-sonnet-5-5`, `claude-sonnet-5`, `claude-sonnet-4-5-20250929` and the older `claude-3-5-sonnet-…`. */
function parseId(id: string): Parsed | null {
	const modern = /^claude-([a-z]+)-(\d+)(?:-(\d{1,2}))?(?:-(\d{8}))?$/.exec(id);
	if (modern) return { line: modern[1], major: +modern[2], minor: +(modern[3] ?? 0), dated: !!modern[4] };
	const legacy = /^claude-(\d+)(?:-(\d{1,2}))?-([a-z]+)(?:-(\d{8}|latest))?$/.exec(id);
	if (legacy) return { line: legacy[3], major: +legacy[1], minor: +(legacy[2] ?? 0), dated: !!legacy[4] };
	return null;
}

/** The newest undated id of a model line, by version number. */
function newestOf(line: string, ids: readonly string[]): string | undefined {
	let best: { id: string; p: Parsed } | undefined;
	for (const id of ids) {
		const p = parseId(id);
		if (!p || p.line !== line || p.dated) continue;
		if (!best || p.major > best.p.major || (p.major === best.p.major && p.minor > best.p.minor))
			best = { id, p };
	}
	return best?.id;
}

describe('the model list', () => {
	const ids = sdkModelIds();

	it('reads a plausible union from the installed SDK', () => {
		expect(ids.length).toBeGreaterThan(5);
		expect(ids.some((id) => id.includes('sonnet'))).toBe(true);
	});

	it('defaults to a model the installed SDK names', () => {
		expect(ids).toContain(DEFAULT_MODEL);
	});

	it('defaults to the newest Sonnet the installed SDK names (a newer one after an upgrade fails here)', () => {
		const newest = newestOf('sonnet', ids);
		expect(newest, 'the SDK names a newer Sonnet: move DEFAULT_MODEL in models.ts').toBe(DEFAULT_MODEL);
	});

	it('offers only ids from the union that the SDK does not mark deprecated', () => {
		const deprecated = sdkDeprecatedIds();
		expect(deprecated.length).toBeGreaterThan(0);
		for (const id of KNOWN_MODELS) {
			expect(ids).toContain(id);
			expect(deprecated).not.toContain(id);
		}
	});

	it('offers the newest id of every model line, newest first in the union’s own order', () => {
		const lines = [...new Set(ids.map((id) => parseId(id)?.line).filter((l) => l !== undefined))];
		const newest = lines.map((line) => newestOf(line, ids)).filter((id) => id !== undefined);
		expect([...KNOWN_MODELS].sort()).toEqual([...newest].sort());
		const positions = KNOWN_MODELS.map((id) => ids.indexOf(id));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
	});

	it('includes the default in the select box', () => {
		expect(isKnownModel(DEFAULT_MODEL)).toBe(true);
		expect(isKnownModel('claude-sonnet-4-5')).toBe(false);
	});
});

describe('modelIdSchema', () => {
	it('accepts every id the SDK names, and ids it does not know yet', () => {
		for (const id of [...sdkModelIds(), 'claude-sonnet-9-1', 'claude-3-5-sonnet-20241022', 'my.model-1']) {
			expect(modelIdSchema.safeParse(id).success, id).toBe(true);
		}
	});

	it('trims a pasted id', () => {
		expect(modelIdSchema.parse('  claude-opus-5-5\n')).toBe('claude-opus-5-5');
	});

	it.each([
		['empty', ''],
		['too short', 'ab'],
		['upper case', 'Claude-Sonnet'],
		['a leading hyphen', '-claude'],
		['a space inside', 'claude sonnet'],
		['a slash (no path tricks)', 'claude/../x'],
		['65 characters', `c${'x'.repeat(64)}`]
	])('refuses %s', (_label, id) => {
		expect(modelIdSchema.safeParse(id).success).toBe(false);
	});
});
