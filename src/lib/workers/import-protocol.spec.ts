import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inspectFile } from '../data/import/inspect';
import { parseImport } from '../data/import/parse';
import { importResultSchema, importTransferables, inspectResultSchema } from './import-protocol';

const fixture = (f: string) =>
	new Uint8Array(
		readFileSync(fileURLToPath(new URL(`../../../tests/fixtures/import/${f}`, import.meta.url)))
	);
const NOW_MS = Date.UTC(2026, 0, 1);

describe('the import worker protocol', () => {
	it('accepts what inspect and parse really return, for bars, values and refusals', () => {
		for (const [file, source] of [
			['valid-yahoo-sp500.csv', 'yahoo'],
			['fred-dot-missing.csv', 'fred'],
			['valid-fred-payems-observations.json', 'fred'],
			['all-rows-bad.csv', 'yahoo'],
			['utf16le-bom.csv', 'yahoo'],
			['hostile-headers.csv', 'yahoo'],
			['polygon-aggs-sp500.json', 'polygon'],
			['polygon-error-response.json', 'polygon']
		] as const) {
			const bytes = fixture(file);
			const inspected = inspectFile(bytes, file);
			expect(inspectResultSchema.safeParse(inspected).success).toBe(true);
			const settings = inspected.ok
				? inspected.suggested
				: {
						kind: 'values' as const,
						mapping: { date: 0, value: 1 },
						dateFormat: 'YYYY-MM-DD' as const,
						decimal: '.' as const,
						header: true
					};
			const parsed = parseImport(bytes, { fileName: file, source, nowMs: NOW_MS, ...settings });
			const check = importResultSchema.safeParse(parsed);
			expect(check.error?.issues ?? []).toEqual([]);
		}
	});

	it('rejects a result whose warnings are plain strings or carry an unknown code', () => {
		const bytes = fixture('hostile-headers.csv');
		const inspected = inspectFile(bytes, 'h.csv');
		if (!inspected.ok) throw new Error(inspected.message);
		const parsed = parseImport(bytes, {
			fileName: 'h.csv',
			source: 'yahoo',
			nowMs: NOW_MS,
			...inspected.suggested
		});
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.warnings.length).toBeGreaterThan(0);
		expect(importResultSchema.safeParse(parsed).success).toBe(true);
		const strings = { ...parsed, warnings: parsed.warnings.map((w) => w.message) };
		expect(importResultSchema.safeParse(strings).success).toBe(false);
		const unknown = { ...parsed, warnings: [{ ...parsed.warnings[0], code: 'fixed_silently' }] };
		expect(importResultSchema.safeParse(unknown).success).toBe(false);
	});

	it('rejects a result whose columns are not Float64Arrays', () => {
		const parsed = parseImport(fixture('valid-fred-payems.csv'), {
			fileName: 'x.csv',
			source: 'fred',
			kind: 'values',
			mapping: { date: 0, value: 1 },
			dateFormat: 'YYYY-MM-DD',
			decimal: '.',
			nowMs: NOW_MS,
			header: true
		});
		if (!parsed.ok) throw new Error(parsed.message);
		expect(importResultSchema.safeParse({ ...parsed, t: Array.from(parsed.t) }).success).toBe(false);
	});

	it('transfers every column buffer of an import and nothing of a refusal', () => {
		const parsed = parseImport(fixture('valid-yahoo-sp500.csv'), {
			fileName: 'x.csv',
			source: 'yahoo',
			kind: 'bars',
			mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 6 },
			dateFormat: 'YYYY-MM-DD',
			decimal: '.',
			nowMs: NOW_MS,
			header: true
		});
		const buffers = importTransferables(parsed);
		expect(buffers).toHaveLength(6);
		expect(new Set(buffers).size).toBe(6);
		expect(
			importTransferables({
				ok: false,
				code: 'empty',
				message: 'm',
				rowErrors: [],
				errorCount: 0,
				errorCounts: {}
			})
		).toEqual([]);
	});
});
