import { describe, expect, it } from 'vitest';
import {
	fredCsvSeriesId,
	fredFrequencyFromShort,
	inferFrequency,
	isFredSeriesId,
	readFredObservationsJson,
	seriesIdFromFileName
} from './fred';

const dates = (...iso: string[]) => new Float64Array(iso.map((d) => Date.parse(`${d}T00:00:00Z`)));

describe('FRED series ids', () => {
	it('accepts upper-case letters, digits and underscores up to 40 characters', () => {
		expect(['GDP', 'DGS10', 'T10Y2Y', 'A_B', 'X'.repeat(40)].every(isFredSeriesId)).toBe(true);
		expect(['', 'gdp', 'DGS 10', 'GDP&api_key=x', 'X'.repeat(41), '../GDP'].some(isFredSeriesId)).toBe(false);
	});

	it('recognises the headers of current and older FRED CSV downloads', () => {
		expect(fredCsvSeriesId(['observation_date', 'PAYEMS'])).toBe('PAYEMS');
		expect(fredCsvSeriesId(['DATE', 'UNRATE'])).toBe('UNRATE');
		expect(fredCsvSeriesId(['Date', 'Close'])).toBeNull();
		expect(fredCsvSeriesId(['observation_date', 'PAYEMS', 'UNRATE'])).toBeNull();
	});

	it('reads a series id from a file name, but not from "fredgraph"', () => {
		expect(seriesIdFromFileName('PAYEMS.json')).toBe('PAYEMS');
		expect(seriesIdFromFileName('downloads/DGS10 (1).csv')).toBe('DGS10');
		expect(seriesIdFromFileName('fredgraph.csv')).toBeNull();
		expect(seriesIdFromFileName('my data.json')).toBeNull();
	});
});

describe('readFredObservationsJson', () => {
	it('reads the documented response shape', () => {
		const r = readFredObservationsJson(
			JSON.stringify({
				count: 1,
				observations: [{ realtime_start: 'x', realtime_end: 'x', date: '2006-01-01', value: '.' }]
			})
		);
		expect(r).toEqual({
			ok: true,
			observations: [{ realtime_start: 'x', realtime_end: 'x', date: '2006-01-01', value: '.' }]
		});
	});

	it('tells invalid JSON, other JSON and a FRED response of the wrong shape apart', () => {
		expect(readFredObservationsJson('{"observations": [')).toMatchObject({
			ok: false,
			code: 'bad_fred_json'
		});
		expect(readFredObservationsJson('{"results": []}')).toMatchObject({
			ok: false,
			code: 'unsupported_json'
		});
		expect(readFredObservationsJson('[]')).toMatchObject({ ok: false, code: 'unsupported_json' });
		expect(readFredObservationsJson('{"observations": [{"date": "2006-01-01", "value": 1}]}')).toMatchObject({
			ok: false,
			code: 'bad_fred_json'
		});
	});

	it('drops unknown keys, so a __proto__ key never reaches an object it builds', () => {
		const r = readFredObservationsJson('{"__proto__": {"polluted": 1}, "observations": []}');
		expect(r.ok).toBe(true);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('inferFrequency', () => {
	it('reads daily (business days), weekly, monthly, quarterly and annual spacing', () => {
		expect(inferFrequency(dates('2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'))).toBe(
			'daily'
		);
		expect(inferFrequency(dates('2020-01-03', '2020-01-10', '2020-01-17'))).toBe('weekly');
		expect(inferFrequency(dates('2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01'))).toBe('monthly');
		expect(inferFrequency(dates('2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01'))).toBe('quarterly');
		expect(inferFrequency(dates('2018-01-01', '2019-01-01', '2020-01-01'))).toBe('annual');
	});

	it('calls one point or uneven spacing irregular', () => {
		expect(inferFrequency(dates('2020-01-01'))).toBe('irregular');
		expect(inferFrequency(dates('2020-01-01', '2020-01-20', '2020-02-08'))).toBe('irregular');
	});

	it("maps FRED's own short codes and nothing else", () => {
		expect(['D', 'W', 'M', 'Q', 'A'].map(fredFrequencyFromShort)).toEqual([
			'daily',
			'weekly',
			'monthly',
			'quarterly',
			'annual'
		]);
		expect(fredFrequencyFromShort('BW')).toBeNull();
		expect(fredFrequencyFromShort(undefined)).toBeNull();
	});
});
