import { describe, expect, it } from 'vitest';
import { guessDateFormat, parseDateCell, slashFormatUnconfirmed } from './dates';

const t = (raw: string, format: Parameters<typeof parseDateCell>[1]) => {
	const r = parseDateCell(raw, format);
	return r.ok ? r.t : r.reason;
};

describe('parseDateCell', () => {
	it('reads every supported format as UTC midnight (or the given UTC time)', () => {
		const jan3 = Date.UTC(2000, 0, 3);
		expect(t('2000-01-03', 'YYYY-MM-DD')).toBe(jan3);
		expect(t('01/03/2000', 'MM/DD/YYYY')).toBe(jan3);
		expect(t('1/3/2000', 'MM/DD/YYYY')).toBe(jan3);
		expect(t('03/01/2000', 'DD/MM/YYYY')).toBe(jan3);
		expect(t('20000103', 'YYYYMMDD')).toBe(jan3);
		expect(t('2000-01-03 15:30:05', 'YYYY-MM-DD HH:mm:ss')).toBe(Date.UTC(2000, 0, 3, 15, 30, 5));
	});

	it('refuses dates that do not exist instead of rolling them over', () => {
		expect(t('2023-02-30', 'YYYY-MM-DD')).toMatch(/not a real calendar date/);
		expect(t('2019-02-29', 'YYYY-MM-DD')).toMatch(/not a real calendar date/);
		expect(t('2020-02-29', 'YYYY-MM-DD')).toBe(Date.UTC(2020, 1, 29));
		expect(t('2009-13-01', 'YYYY-MM-DD')).toMatch(/not a real calendar date/);
		expect(t('13/01/2020', 'MM/DD/YYYY')).toMatch(/not a real calendar date/);
		expect(t('2000-01-03 24:00:00', 'YYYY-MM-DD HH:mm:ss')).toMatch(/time of day/);
	});

	it('refuses a date with a time zone in a format without one, and names the ISO format that takes it', () => {
		expect(t('2000-01-03T00:00:00-05:00', 'YYYY-MM-DD')).toMatch(/time zone.*YYYY-MM-DDTHH:mm:ss±HH:mm/);
		expect(t('2000-01-03T00:00:00Z', 'YYYY-MM-DD')).toMatch(/time zone/);
		expect(t('2000-01-03 00:00:00 EST', 'YYYY-MM-DD HH:mm:ss')).toMatch(/time zone/);
	});

	it('reads ISO 8601 with Z or an offset as the UTC instant, and returns the zone', () => {
		const iso = 'YYYY-MM-DDTHH:mm:ss±HH:mm' as const;
		expect(parseDateCell('2020-03-02T00:00:00Z', iso)).toEqual({
			ok: true,
			t: Date.UTC(2020, 2, 2),
			zone: 'Z'
		});
		expect(parseDateCell('2020-03-02T09:30:00-05:00', iso)).toEqual({
			ok: true,
			t: Date.UTC(2020, 2, 2, 14, 30),
			zone: '-05:00'
		});
		// An offset can move the instant to the previous UTC day: that is why the import reports the zone.
		expect(parseDateCell('2020-03-02T00:30:00+0100', iso)).toEqual({
			ok: true,
			t: Date.UTC(2020, 2, 1, 23, 30),
			zone: '+01:00'
		});
		expect(t('2020-03-02T16:00:00.25+05:30', iso)).toBe(Date.UTC(2020, 2, 2, 10, 30, 0, 250));
		expect(t('2020-03-02T16:00Z', iso)).toBe(Date.UTC(2020, 2, 2, 16));
		expect(t('2020-03-02T16:00:00+09', iso)).toBe(Date.UTC(2020, 2, 2, 7));
	});

	it('refuses ISO 8601 without a zone, with an impossible offset or with sub-millisecond digits', () => {
		const iso = 'YYYY-MM-DDTHH:mm:ss±HH:mm' as const;
		expect(t('2020-03-02T00:00:00', iso)).toMatch(/not a date in the format/);
		expect(t('2020-03-02T00:00:00+15:00', iso)).toMatch(/impossible UTC offset/);
		expect(t('2020-03-02T00:00:00+01:75', iso)).toMatch(/impossible UTC offset/);
		expect(t('2020-03-02T00:00:00.1234Z', iso)).toMatch(/not a date in the format/);
		expect(t('2020-02-30T00:00:00Z', iso)).toMatch(/not a real calendar date/);
	});

	it('guesses the ISO format for a column of zoned timestamps', () => {
		expect(guessDateFormat(['2020-03-02T00:00:00Z', '2020-03-03T00:00:00Z']).format).toBe(
			'YYYY-MM-DDTHH:mm:ss±HH:mm'
		);
	});

	it('refuses another format, an empty cell and years below 1000', () => {
		expect(t('2000-01-03', 'MM/DD/YYYY')).toMatch(/not a date in the format MM\/DD\/YYYY/);
		expect(t('', 'YYYY-MM-DD')).toMatch(/empty/);
		expect(t('0099-01-01', 'YYYY-MM-DD')).toMatch(/implausible year/);
	});
});

describe('guessDateFormat', () => {
	it('finds ISO dates, and YYYYMMDD only when the years are plausible', () => {
		expect(guessDateFormat(['2000-01-03', '2000-01-04']).format).toBe('YYYY-MM-DD');
		expect(guessDateFormat(['20000103', '20000104']).format).toBe('YYYYMMDD');
		expect(guessDateFormat(['93180000', '10090000']).share).toBe(0);
	});

	it('calls slash dates ambiguous when both orders read them, and settles when a day is above 12', () => {
		const both = guessDateFormat(['01/03/2000', '01/04/2000']);
		expect(both).toMatchObject({ format: 'MM/DD/YYYY', ambiguous: true });
		expect(guessDateFormat(['01/03/2000', '01/13/2000'])).toMatchObject({
			format: 'MM/DD/YYYY',
			ambiguous: false
		});
		expect(guessDateFormat(['03/01/2000', '13/01/2000'])).toMatchObject({
			format: 'DD/MM/YYYY',
			ambiguous: false
		});
	});
});

describe('slashFormatUnconfirmed', () => {
	it('is true only for a slash format whose every day of month is 12 or less', () => {
		const early = new Float64Array([Date.UTC(2000, 0, 3), Date.UTC(2000, 0, 12)]);
		const late = new Float64Array([Date.UTC(2000, 0, 3), Date.UTC(2000, 0, 13)]);
		expect(slashFormatUnconfirmed('MM/DD/YYYY', early)).toBe(true);
		expect(slashFormatUnconfirmed('MM/DD/YYYY', late)).toBe(false);
		expect(slashFormatUnconfirmed('YYYY-MM-DD', early)).toBe(false);
	});
});
