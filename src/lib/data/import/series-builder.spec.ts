import { describe, expect, it } from 'vitest';
import { RowErrorLog } from './report';
import { SeriesBuilder } from './series-builder';

const day = (d: number) => Date.UTC(2000, 0, d);
const describeDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function build(rows: Array<[line: number, d: number, value: number]>) {
	const builder = new SeriesBuilder(['value']);
	for (const [line, d, value] of rows) builder.add(line, day(d), [value]);
	const log = new RowErrorLog();
	const built = builder.finish(log, 'Date', describeDay);
	return {
		...built,
		t: Array.from(built.t).map((t) => new Date(t).getUTCDate()),
		value: Array.from(built.fields[0]),
		report: log.report()
	};
}

describe('SeriesBuilder', () => {
	it('leaves rows already in order untouched and reports nothing', () => {
		const r = build([
			[2, 3, 1],
			[3, 4, 2],
			[4, 5, 3]
		]);
		expect(r).toMatchObject({ t: [3, 4, 5], value: [1, 2, 3], skipped: 0, warnings: [] });
		expect(r.report.errorCount).toBe(0);
	});

	it('reverses a file listed newest first with one warning and no row errors', () => {
		const r = build([
			[2, 5, 3],
			[3, 4, 2],
			[4, 3, 1]
		]);
		expect(r.t).toEqual([3, 4, 5]);
		expect(r.value).toEqual([1, 2, 3]);
		expect(r.warnings).toEqual([
			{ code: 'newest_first', message: expect.stringMatching(/newest first/), count: 3, rows: [] }
		]);
		expect(r.report.errorCount).toBe(0);
	});

	it('sorts out-of-order rows, keeps them, and reports each as unsorted_date', () => {
		const r = build([
			[2, 3, 1],
			[3, 5, 3],
			[4, 4, 2],
			[5, 6, 4]
		]);
		expect(r.t).toEqual([3, 4, 5, 6]);
		expect(r.value).toEqual([1, 2, 3, 4]);
		expect(r.skipped).toBe(0);
		expect(r.report.rowErrors).toEqual([
			expect.objectContaining({ row: 4, column: 'Date', code: 'unsorted_date' })
		]);
	});

	it('keeps the first of identical duplicates and skips the rest', () => {
		const r = build([
			[2, 3, 1],
			[3, 3, 1],
			[4, 4, 2]
		]);
		expect(r.t).toEqual([3, 4]);
		expect(r.skipped).toBe(1);
		expect(r.report.rowErrors.map((e) => [e.row, e.code])).toEqual([[3, 'duplicate_date']]);
	});

	it('skips every row of a date that appears with different values', () => {
		const r = build([
			[2, 3, 1],
			[3, 4, 2],
			[4, 4, 9],
			[5, 5, 3]
		]);
		expect(r.t).toEqual([3, 5]);
		expect(r.skipped).toBe(2);
		expect(r.report.rowErrors.map((e) => e.row)).toEqual([3, 4]);
		expect(r.report.rowErrors[0].message).toMatch(/lines 3, 4 with different values/);
	});

	it('grows past its initial capacity without losing rows', () => {
		const builder = new SeriesBuilder(['a', 'b']);
		for (let i = 0; i < 5000; i++) builder.add(i + 2, i * 86_400_000, [i, -i]);
		const built = builder.finish(new RowErrorLog(), 'Date', describeDay);
		expect(built.t).toHaveLength(5000);
		expect(built.fields[0][4999]).toBe(4999);
		expect(built.fields[1][4999]).toBe(-4999);
	});
});
