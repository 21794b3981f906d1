import { describe, expect, it } from 'vitest';
import { detectLayout, scanRows } from './csv';

function rows(text: string): { cells: string[][]; lines: number[]; code?: string } {
	const cells: string[][] = [];
	const lines: number[] = [];
	const r = scanRows(detectLayout(text), (c, line) => {
		cells.push(c);
		lines.push(line);
	});
	return { cells, lines, code: r.ok ? undefined : r.code };
}

describe('detectLayout', () => {
	it.each([
		['Date,Open,Close\n2000-01-03,1,2\n', ','],
		['Date;Open;Close\n2000-01-03;1,5;2,5\n', ';'],
		['Date\tClose\n2000-01-03\t1\n', '\t'],
		['Date|Close\n2000-01-03|1\n', '|'],
		['Date;Note\n2000-01-03;"a, b, c"\n', ';']
	])('finds the delimiter of %j', (text, delimiter) => {
		expect(detectLayout(text).delimiter).toBe(delimiter);
	});

	it('prefers the delimiter that keeps the header width on most lines', () => {
		// Commas inside numbers (decimal commas) vary per row; the semicolons do not.
		expect(detectLayout('a;b\n1,5;2\n3;4,25\n').delimiter).toBe(';');
	});

	it('honours an Excel sep= line and starts the body on line 2', () => {
		const layout = detectLayout('sep=;\nDate;Close\n2000-01-03;1\n');
		expect(layout).toMatchObject({
			delimiter: ';',
			firstLine: 2,
			sepLine: true,
			body: 'Date;Close\n2000-01-03;1\n'
		});
	});

	it('falls back to a comma for a single-column file', () => {
		expect(detectLayout('Close\n1\n2\n').delimiter).toBe(',');
	});
});

describe('scanRows', () => {
	it('reports the line each row starts on, across blank lines and quoted line breaks', () => {
		const r = rows('a,b\n\n1,"x\ny"\n   \n3,4\n');
		expect(r.cells).toEqual([
			['a', 'b'],
			['1', 'x\ny'],
			['3', '4']
		]);
		expect(r.lines).toEqual([1, 3, 6]);
	});

	it('keeps __proto__ as a plain cell value', () => {
		expect(rows('__proto__,__proto__\n1,2\n').cells[0]).toEqual(['__proto__', '__proto__']);
	});

	it('names the line where a faulty quoted field opens, not the line where the parser gave up', () => {
		const opensOnLine3 = 'a,b,c\n1,2,x\n3,4,"opens\nstill open\n5,6,"closes" wrongly\n7,8,y\n';
		const wrong = scanRows(detectLayout(opensOnLine3), () => undefined);
		expect(wrong.ok ? null : wrong.message).toMatch(/^Line 3 opens a quoted field that is never closed/);
		const never = scanRows(detectLayout('a,b\n1,2\n\n3,"x\ny\nz\n'), () => undefined);
		expect(never.ok ? null : never.message).toMatch(/^Line 4 opens a quoted field that is never closed/);
		const closedWrongly = scanRows(detectLayout('a,b\n1,2\n3,"x\ny"z\n4,5\n'), () => undefined);
		expect(closedWrongly.ok ? null : closedWrongly.message).toMatch(/^Line 3 opens a quoted field that is/);
		const afterSep = scanRows(detectLayout('sep=;\na;b\n1;"x\n'), () => undefined);
		expect(afterSep.ok ? null : afterSep.message).toMatch(/^Line 3 opens/);
	});

	it('refuses broken quotes, too many columns, too long fields and rows using another delimiter', () => {
		expect(rows('a,b\n1,"open\n2,3\n').code).toBe('unbalanced_quotes');
		expect(rows(`${Array.from({ length: 201 }, (_, i) => `c${i}`).join(',')}\n`).code).toBe(
			'too_many_columns'
		);
		expect(rows(`a,b\n1,${'x'.repeat(10_001)}\n`).code).toBe('field_too_long');
		expect(rows('a,b,c\n1,2,3\n4;5;6\n').code).toBe('mixed_delimiters');
	});

	it('accepts exactly 200 columns and a field of exactly 10,000 characters', () => {
		expect(rows(`${Array.from({ length: 200 }, (_, i) => `c${i}`).join(',')}\n`).code).toBeUndefined();
		expect(rows(`a,b\n1,${'x'.repeat(10_000)}\n`).code).toBeUndefined();
	});

	it('stops when the visitor returns false', () => {
		let seen = 0;
		const r = scanRows(detectLayout('a\nb\nc\n'), () => {
			seen++;
			return false;
		});
		expect(r).toEqual({ ok: true, rows: 1 });
		expect(seen).toBe(1);
	});
});
