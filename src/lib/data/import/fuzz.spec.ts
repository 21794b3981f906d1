/**
 * Seeded fuzzing: valid corpus files with bytes flipped, inserted and deleted must still get an answer — a
 * refusal or an import — never an exception, and the answer must fit the worker protocol. The seed is printed;
 * a failing seed goes into PINNED_SEEDS as a regression.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../domain/random';
import { importResultSchema, inspectResultSchema } from '../../workers/import-protocol';
import { inspectFile } from './inspect';
import { parseImport } from './parse';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/import/', import.meta.url));
const SEED = 20_240_611;
/** Seeds that once broke the import; none yet. */
const PINNED_SEEDS: readonly number[] = [];
const CASES_PER_FILE = 60;
/** Bytes that matter to a CSV parser, drawn more often than the rest. */
const INTERESTING = [
	0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x00, 0x2e, 0x2d, 0x3d, 0x40, 0xff, 0xfe, 0xc3, 0x7b, 0x3c
];

function mutate(bytes: Uint8Array, rng: Rng): Uint8Array {
	const out = Array.from(bytes);
	const edits = 1 + rng.int(8);
	for (let e = 0; e < edits; e++) {
		const at = rng.int(out.length + 1);
		const byte = rng.next() < 0.7 ? INTERESTING[rng.int(INTERESTING.length)] : rng.int(256);
		const op = rng.int(3);
		if (op === 0 && at < out.length) out[at] = byte;
		else if (op === 1) out.splice(at, 0, byte);
		else out.splice(at, 1);
	}
	return new Uint8Array(out);
}

const FILES = [
	['valid-yahoo-sp500.csv', 'yahoo'],
	['valid-european-semicolon.csv', 'yahoo'],
	['valid-fred-payems.csv', 'fred'],
	['valid-fred-payems-observations.json', 'fred'],
	['quoted-multiline.csv', 'yahoo']
] as const;

describe('the import under seeded fuzzing', () => {
	it.each([SEED, ...PINNED_SEEDS])('answers every mutated file without throwing (seed %i)', (seed) => {
		console.info(`import fuzz seed ${seed}`);
		const rng = createRng(seed);
		for (const [file, source] of FILES) {
			const original = new Uint8Array(readFileSync(`${FIXTURES}${file}`));
			for (let i = 0; i < CASES_PER_FILE; i++) {
				const bytes = mutate(original, rng);
				const where = `${file} case ${i} (seed ${seed})`;
				const inspected = inspectFile(bytes, file);
				expect(inspectResultSchema.safeParse(inspected).success, where).toBe(true);
				const settings = inspected.ok
					? { ...inspected.suggested, delimiter: inspected.delimiter }
					: {
							kind: 'values' as const,
							mapping: { date: 0, value: 1 },
							dateFormat: 'YYYY-MM-DD' as const,
							decimal: '.' as const,
							header: true
						};
				const parsed = parseImport(bytes, {
					fileName: file,
					source,
					nowMs: Date.UTC(2026, 0, 1),
					...settings
				});
				expect(importResultSchema.safeParse(parsed).success, where).toBe(true);
				if (parsed.ok) expect(parsed.validRows + parsed.skippedRows, where).toBe(parsed.totalRows);
			}
		}
	});
});
