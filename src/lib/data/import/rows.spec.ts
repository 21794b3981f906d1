import { describe, expect, it } from 'vitest';
import { RowErrorLog } from './report';
import { convertRow, type RowContext } from './rows';

const NOW_MS = Date.UTC(2026, 0, 1);

const values: RowContext = {
	kind: 'values',
	mapping: { date: 0, value: 1 },
	dateFormat: 'YYYY-MM-DD',
	decimal: '.',
	source: 'yahoo',
	nowMs: NOW_MS,
	names: ['Date', 'Close'],
	width: 2
};

function row(cells: string[], ctx: RowContext = values) {
	const log = new RowErrorLog();
	return { out: convertRow(cells, 2, ctx, log), errors: log.report().rowErrors };
}

describe('convertRow', () => {
	it('reads a clean row and reports no alteration', () => {
		expect(row(['2000-01-03', '1455.219971']).out).toEqual({
			ok: true,
			t: Date.UTC(2000, 0, 3),
			values: [1455.219971],
			trailingEmpty: false,
			padded: false,
			comma: false,
			scaled: false
		});
	});

	it('reads a number or a date with spaces around it, and says it was padded', () => {
		expect(row([' 2000-01-03', '1455.219971 ']).out).toMatchObject({ ok: true, padded: true });
		expect(row(['2000-01-03', '\t1455.219971']).out).toMatchObject({ ok: true, padded: true });
	});

	it('refuses a number or a date whose quoted field holds a line break', () => {
		const number = row(['2000-01-03', '1455.219971\n']);
		expect(number.out.ok).toBe(false);
		expect(number.errors).toEqual([
			expect.objectContaining({
				column: 'Close',
				code: 'bad_number',
				message: expect.stringMatching(/line break/)
			})
		]);
		const date = row(['2000-01-03\n', '1455.219971']);
		expect(date.errors).toEqual([expect.objectContaining({ column: 'Date', code: 'bad_date' })]);
		expect(row(['2000-01-03', '14\n55']).errors[0].code).toBe('bad_number');
	});

	it('says when a number was read with a decimal comma', () => {
		const comma = { ...values, decimal: ',' as const };
		expect(row(['2000-01-03', '1455,22'], comma).out).toMatchObject({
			ok: true,
			values: [1455.22],
			comma: true
		});
		expect(row(['2000-01-03', '1455'], comma).out).toMatchObject({ ok: true, comma: false });
	});

	it('returns the time zone of an ISO timestamp', () => {
		const iso = { ...values, dateFormat: 'YYYY-MM-DDTHH:mm:ss±HH:mm' as const };
		expect(row(['2000-01-03T16:00:00-05:00', '1455.219971'], iso).out).toMatchObject({
			ok: true,
			t: Date.UTC(2000, 0, 3, 21),
			zone: '-05:00'
		});
	});

	it('marks empty cells past the last column as trailing delimiters', () => {
		expect(row(['2000-01-03', '1455.219971', '', '']).out).toMatchObject({ ok: true, trailingEmpty: true });
		expect(row(['2000-01-03', '1455.219971', 'x']).errors[0].code).toBe('wrong_column_count');
	});
});

describe('convertRow on the adjusted basis', () => {
	const bars: RowContext = {
		...values,
		kind: 'bars',
		mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 6, adjClose: 5 },
		names: ['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'],
		width: 7,
		priceBasis: 'adjusted_close'
	};

	it('uses the adjusted close and scales open, high and low by adjusted close / close', () => {
		// A 2-for-1 split adjustment: every price halves, the volume stays as traded.
		const r = row(['2000-01-03', '10', '12', '9', '11', '5.5', '1000'], bars).out;
		expect(r).toMatchObject({ ok: true, values: [5, 6, 4.5, 5.5, 1000], scaled: true });
	});

	it('keeps the bar exactly when the adjusted close equals the close', () => {
		const r = row(
			['2000-01-03', '1469.25', '1478', '1438.359985', '1455.219971', '1455.219971', '931800000'],
			bars
		);
		expect(r.out).toMatchObject({
			values: [1469.25, 1478, 1438.359985, 1455.219971, 931800000],
			scaled: false
		});
	});

	it('reports a bad adjusted close as a row error', () => {
		const r = row(['2000-01-03', '10', '12', '9', '11', 'n/a', '1000'], bars);
		expect(r.out.ok).toBe(false);
		expect(r.errors).toEqual([expect.objectContaining({ column: 'Adj Close', code: 'bad_number' })]);
	});

	it('uses the close as traded when that is the chosen basis', () => {
		const r = row(['2000-01-03', '10', '12', '9', '11', '5.5', '1000'], { ...bars, priceBasis: 'close' });
		expect(r.out).toMatchObject({ values: [10, 12, 9, 11, 1000] });
	});
});
