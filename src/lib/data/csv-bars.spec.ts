import { describe, expect, it } from 'vitest';
import { sp500Text } from '../testing/sp500';
import { CsvFormatError, parseOhlcvCsv } from './csv-bars';

describe('parseOhlcvCsv', () => {
	// The file has 5,105 data lines; `wc -l` minus the header says 5,104 only because the last line has no newline.
	it('reads the bundled S&P 500 file: 5,105 rows from 2000-01-03 to 2020-04-17', () => {
		const bars = parseOhlcvCsv(sp500Text());
		expect(bars.t.length).toBe(5_105);
		expect(new Date(bars.t[0]).toISOString().slice(0, 10)).toBe('2000-01-03');
		expect(new Date(bars.t[5_104]).toISOString().slice(0, 10)).toBe('2020-04-17');
		expect(bars.close[0]).toBeCloseTo(1455.219971, 6);
		expect(bars.close[5_104]).toBeCloseTo(2874.560059, 5);
	});

	it('names the line of a malformed number', () => {
		const text = 'date,open,high,low,close,volume\n2020-01-02,1,2,0.5,1.5,100\n2020-01-03,1,x,0.5,1.5,100\n';
		expect(() => parseOhlcvCsv(text)).toThrow(/line 3: high "x" is not a number/);
	});

	it('refuses dates out of order', () => {
		const text = 'date,open,high,low,close,volume\n2020-01-03,1,2,0.5,1.5,100\n2020-01-02,1,2,0.5,1.5,100\n';
		expect(() => parseOhlcvCsv(text)).toThrow(CsvFormatError);
	});

	it('refuses impossible dates and missing columns', () => {
		expect(() => parseOhlcvCsv('date,open,high,low,close,volume\n2020-02-30,1,2,0.5,1.5,100\n')).toThrow(
			/does not exist/
		);
		expect(() => parseOhlcvCsv('date,open,high,low,volume\n2020-01-02,1,2,0.5,100\n')).toThrow(/"close"/);
	});
});
