/**
 * Every file of the hostile-import corpus (tests/fixtures/import) goes through inspectFile and parseImport with
 * the suggested settings. For each: nothing throws, the outcome is the expected refusal or an import whose
 * every skipped row is explained, and the pair of calls takes under 5 s. The valid files must give exactly the
 * numbers of the vega-datasets files they were made from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, VALID_FILES, type CorpusCase } from '../../../../tests/fixtures/import/expected';
import { GENERATED_CORPUS } from '../../../../tests/fixtures/import/make-corpus';
import { inspectFile } from './inspect';
import { parseImport } from './parse';
import type { ImportOk, ImportResult, InspectResult, ParseOptions } from './types';

const FIXTURES = fileURLToPath(new URL('../../../../tests/fixtures/import/', import.meta.url));
const VEGA = fileURLToPath(new URL('../../../../node_modules/vega-datasets/data/', import.meta.url));
/** Per file, inspect + parse together. */
const MAX_FILE_MS = 5_000;
/** A fixed "now" after every real date in the corpus and before its 2099 rows. */
const NOW_MS = Date.UTC(2026, 0, 1);

const FALLBACK: Omit<ParseOptions, 'fileName' | 'source' | 'nowMs'> = {
	kind: 'values',
	mapping: { date: 0, value: 1 },
	dateFormat: 'YYYY-MM-DD',
	decimal: '.',
	header: true
};

function load(file: string): Uint8Array {
	const generate = GENERATED_CORPUS[file];
	return generate ? generate() : new Uint8Array(readFileSync(`${FIXTURES}${file}`));
}

interface Run {
	readonly inspected: InspectResult;
	readonly parsed: ImportResult;
	readonly ms: number;
}

function run(c: CorpusCase, bytes: Uint8Array): Run {
	const start = performance.now();
	const inspected = inspectFile(bytes, c.file);
	const settings = inspected.ok ? { ...inspected.suggested, delimiter: inspected.delimiter } : FALLBACK;
	const parsed = parseImport(bytes, { fileName: c.file, source: c.source, nowMs: NOW_MS, ...settings });
	return { inspected, parsed, ms: performance.now() - start };
}

const runs = new Map<string, Run>();
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

describe('the import corpus', () => {
	it('holds at least 45 malformed or tricky files and at least 5 valid ones', () => {
		expect(CORPUS.length - VALID_FILES.length).toBeGreaterThanOrEqual(45);
		expect(VALID_FILES.length).toBeGreaterThanOrEqual(5);
		for (const f of VALID_FILES) expect(CORPUS.some((c) => c.file === f)).toBe(true);
	});

	it('lists every committed fixture, and every listed file exists', () => {
		const onDisk = readdirSync(FIXTURES).filter((f) => !f.endsWith('.ts') && !f.endsWith('.md'));
		const listed = CORPUS.map((c) => c.file);
		expect(onDisk.filter((f) => !listed.includes(f))).toEqual([]);
		expect(listed.filter((f) => !f.startsWith('generated:') && !onDisk.includes(f))).toEqual([]);
		expect(new Set(listed).size).toBe(listed.length);
	});

	it('keeps the bytes that make each encoding fixture what it claims to be', () => {
		const bytes = (f: string) => load(f);
		expect(new TextDecoder().decode(bytes('crlf.csv'))).toContain('\r\n');
		const cr = new TextDecoder().decode(bytes('cr-only.csv'));
		expect(cr.includes('\r') && !cr.includes('\n')).toBe(true);
		expect([...bytes('bom.csv').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect([...bytes('utf16le-bom.csv').subarray(0, 2)]).toEqual([0xff, 0xfe]);
		expect([...bytes('utf16be-bom.csv').subarray(0, 2)]).toEqual([0xfe, 0xff]);
		expect(bytes('nul-bytes.csv').includes(0)).toBe(true);
		expect(bytes('windows-1252.csv').includes(0xe9)).toBe(true);
	});

	describe.each(CORPUS.map((c) => [c.file, c] as const))('%s', (_name, c) => {
		it(`${c.why}: no exception escapes and the whole file is handled within ${MAX_FILE_MS} ms`, () => {
			const bytes = load(c.file);
			let result: Run | undefined;
			expect(() => {
				result = run(c, bytes);
			}).not.toThrow();
			runs.set(c.file, result!);
			expect(result!.ms).toBeLessThan(MAX_FILE_MS);
		});

		it('ends in the expected refusal or import, with every skipped row explained', () => {
			const r = runs.get(c.file) ?? run(c, load(c.file));
			const { inspected, parsed } = r;
			if ('refused' in c.expect) {
				const { refused, parseCode, message } = c.expect;
				if (inspected.ok) {
					expect(parsed.ok).toBe(false);
					expect(parsed.ok ? null : parsed.code).toBe(refused);
				} else {
					expect(inspected.code).toBe(refused);
					expect(inspected.message.length).toBeGreaterThan(10);
					expect(parsed.ok ? null : parsed.code).toBe(parseCode ?? refused);
				}
				if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
				if (message)
					expect(inspected.ok ? (parsed.ok ? '' : parsed.message) : inspected.message).toMatch(message);
				return;
			}
			const want = c.expect.imported;
			expect(inspected.ok).toBe(true);
			if (!parsed.ok) throw new Error(`refused: ${parsed.code} ${parsed.message}`);
			expect(parsed.validRows).toBe(want.validRows);
			expect(parsed.skippedRows).toBe(want.skippedRows);
			expect(parsed.validRows + parsed.skippedRows).toBe(parsed.totalRows);
			expect(parsed.errorCounts).toEqual(want.errors);
			const total = Object.values(parsed.errorCounts).reduce((a, b) => a + (b ?? 0), 0);
			expect(parsed.errorCount).toBe(total);
			expect(parsed.rowErrors).toHaveLength(Math.min(total, 100));
			for (const e of parsed.rowErrors) {
				expect(e.row).toBeGreaterThanOrEqual(1);
				expect(e.message.length).toBeGreaterThan(5);
			}
			expect(parsed.t).toHaveLength(parsed.validRows);
			for (let i = 1; i < parsed.t.length; i++) expect(parsed.t[i]).toBeGreaterThan(parsed.t[i - 1]);
			expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
			expect([...new Set(parsed.warnings.map((w) => w.code))].sort()).toEqual(
				[...(want.warnings ?? [])].sort()
			);
			for (const w of parsed.warnings) {
				expect(w.count).toBeGreaterThanOrEqual(1);
				expect(w.message.length).toBeGreaterThan(20);
			}
			if (want.warning) {
				const warnings = [...(inspected.ok ? inspected.warnings : []), ...parsed.warnings];
				expect(warnings.some((w) => want.warning!.test(w.message))).toBe(true);
			}
		});
	});

	afterAll(() => {
		// A header or key named __proto__ / constructor must never have reached an object's prototype.
		expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

// ---- the valid files carry exactly the real numbers they were made from ----

function vega(file: string): Record<string, string>[] {
	const [header, ...lines] = readFileSync(`${VEGA}${file}`, 'utf8').trim().split('\n');
	const names = header.split(',');
	return lines.map((line) => {
		const cells = line.split(',');
		const row: Record<string, string> = Object.create(null);
		names.forEach((n, j) => (row[n] = cells[j]));
		return row;
	});
}

const sp500 = vega('sp500-2000.csv');
const employment = vega('us-employment.csv');
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

function imported(file: string, source: CorpusCase['source']): ImportOk {
	const r = run({ file, source, why: '', expect: { refused: 'empty' } }, load(file));
	if (!r.parsed.ok) throw new Error(`${file}: ${r.parsed.message}`);
	return r.parsed;
}

function expectSp500Bars(result: ImportOk, rows: number): void {
	if (result.kind !== 'bars') throw new Error('expected bars');
	const real = sp500.slice(0, rows);
	expect(Array.from(result.t)).toEqual(real.map((r) => dayMs(r.date)));
	expect(Array.from(result.columns.open)).toEqual(real.map((r) => Number(r.open)));
	expect(Array.from(result.columns.high)).toEqual(real.map((r) => Number(r.high)));
	expect(Array.from(result.columns.low)).toEqual(real.map((r) => Number(r.low)));
	expect(Array.from(result.columns.close)).toEqual(real.map((r) => Number(r.close)));
	expect(Array.from(result.columns.volume)).toEqual(real.map((r) => Number(r.volume)));
}

function expectPayems(result: ImportOk, rows: number): void {
	if (result.kind !== 'values') throw new Error('expected values');
	const real = employment.slice(0, rows);
	expect(Array.from(result.t)).toEqual(real.map((r) => dayMs(r.month)));
	expect(Array.from(result.columns.value)).toEqual(real.map((r) => Number(r.nonfarm)));
	expect(result.fred?.frequency).toBe('monthly');
}

describe('the valid corpus files', () => {
	it('a Yahoo download imports the first 30 S&P 500 bars of 2000 exactly', () => {
		expectSp500Bars(imported('valid-yahoo-sp500.csv', 'yahoo'), 30);
	});

	it('a Quandl file listed newest first imports the same bars oldest first', () => {
		expectSp500Bars(imported('valid-quandl-wiki.csv', 'quandl'), 25);
	});

	it('a European file with semicolons and decimal commas gives the same numbers as the dotted original', () => {
		expectSp500Bars(imported('valid-european-semicolon.csv', 'yahoo'), 20);
	});

	it('a tab-separated file imports its 15 bars', () => {
		expectSp500Bars(imported('valid-tab-delimited.tsv', 'yahoo'), 15);
	});

	it('a FRED CSV imports all 120 months of PAYEMS, monthly, with its series id', () => {
		const result = imported('valid-fred-payems.csv', 'fred');
		expectPayems(result, 120);
		expect(result.fred).toEqual({
			seriesId: 'PAYEMS',
			title: 'All Employees, Total Nonfarm',
			frequency: 'monthly'
		});
	});

	it('an older FRED CSV with a DATE header imports its 36 months', () => {
		expectPayems(imported('valid-fred-legacy-date-header.csv', 'fred'), 36);
	});

	it('a saved FRED JSON response imports its 24 observations', () => {
		expectPayems(imported('valid-fred-payems-observations.json', 'fred'), 24);
	});

	it('a saved Polygon aggregates response imports the first 10 bars exactly, stamped at New York midnight', () => {
		const result = imported('polygon-aggs-sp500.json', 'polygon');
		if (result.kind !== 'bars') throw new Error('expected bars');
		const real = sp500.slice(0, 10);
		const fiveHoursMs = 5 * 3_600_000;
		expect(Array.from(result.t)).toEqual(real.map((r) => dayMs(r.date) + fiveHoursMs));
		expect(Array.from(result.columns.open)).toEqual(real.map((r) => Number(r.open)));
		expect(Array.from(result.columns.close)).toEqual(real.map((r) => Number(r.close)));
		expect(Array.from(result.columns.volume)).toEqual(real.map((r) => Number(r.volume)));
	});

	it('ISO 8601 timestamps with Z give the same bars as plain dates', () => {
		const result = imported('iso-z-timestamps.csv', 'yahoo');
		expectSp500Bars(result, 7);
		expect(result.warnings.map((w) => [w.code, w.count])).toEqual([['time_zone', 7]]);
	});
});

describe('line numbers in the corpus', () => {
	it('count blank lines, so the bad row of blank-lines.csv is reported on line 7', () => {
		const r = imported('blank-lines.csv', 'yahoo');
		expect(r.rowErrors.map((e) => [e.row, e.code, e.column])).toEqual([[7, 'bad_number', 'Close']]);
	});

	it('point at the padded and the broken numbers of padded-and-line-break-numbers.csv', () => {
		const r = imported('padded-and-line-break-numbers.csv', 'yahoo');
		expect(r.rowErrors.map((e) => [e.row, e.code])).toEqual([[4, 'bad_number']]);
		expect(r.warnings).toEqual([expect.objectContaining({ code: 'padded_cells', count: 2, rows: [7, 8] })]);
	});

	it('count the line breaks inside quoted fields, so the bad row of quoted-multiline.csv is on line 7', () => {
		const r = imported('quoted-multiline.csv', 'yahoo');
		expect(r.rowErrors.map((e) => e.row)).toEqual([7]);
	});

	it('point at the formula cells of formula-cells.csv, including the one in the date column', () => {
		const r = imported('formula-cells.csv', 'yahoo');
		expect(r.rowErrors.map((e) => e.row)).toEqual([3, 5, 7, 9, 11, 13]);
		expect(r.rowErrors.find((e) => e.row === 13)?.column).toBe('month');
	});
});
