import { describe, expect, it } from 'vitest';
import { linesText, MAX_WARNING_ROWS_KEPT, warning, WarningTally } from './warnings';

describe('WarningTally', () => {
	it('counts rows, not cells: a row with two padded cells is one row', () => {
		const tally = new WarningTally();
		tally.add('padded_cells', 3);
		tally.add('padded_cells', 3);
		tally.add('padded_cells', 5);
		expect(tally.count('padded_cells')).toBe(2);
		expect(tally.take('padded_cells', (n) => `${n} rows`)).toEqual([
			{ code: 'padded_cells', message: '2 rows', count: 2, rows: [3, 5] }
		]);
	});

	it('keeps only the first lines but counts them all', () => {
		const tally = new WarningTally();
		for (let line = 2; line < 100; line++) tally.add('decimal_comma', line);
		const [w] = tally.take('decimal_comma', (n) => `${n}`);
		expect(w.count).toBe(98);
		expect(w.rows).toEqual([2, 3, 4, 5, 6].slice(0, MAX_WARNING_ROWS_KEPT));
	});

	it('gives no warning for a code that never occurred', () => {
		expect(new WarningTally().take('time_zone', () => 'never')).toEqual([]);
	});
});

describe('warning and linesText', () => {
	it('cut the lines of a warning to the first few', () => {
		expect(warning('sep_line', 'm', 7, [1, 2, 3, 4, 5, 6, 7]).rows).toHaveLength(MAX_WARNING_ROWS_KEPT);
	});

	it('say where to look', () => {
		expect(linesText([3], 1)).toBe('line 3');
		expect(linesText([3, 5], 2)).toBe('lines 3, 5');
		expect(linesText([3, 5], 9)).toBe('lines 3, 5, …');
		expect(linesText([], 0)).toBe('');
	});
});
