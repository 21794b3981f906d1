/**
 * The JSON files an import accepts: a saved FRED `series/observations` response (values) and a saved
 * Polygon/Massive aggregates response (bars). A saved error response of either API is refused with the text it
 * carries; any other JSON is refused as unsupported.
 */
import { apiErrorMessage } from './api-error';
import { finish, refuse } from './finish';
import { collectFredObservations, readFredObservationsJson, seriesIdFromFileName } from './fred';
import { collectPolygonBars, isPolygonAggs, readPolygonAggs } from './polygon-json';
import type { RowErrorLog } from './report';
import { barConsistent } from './rows';
import { SeriesBuilder } from './series-builder';
import type { ImportResult, ParseOptions } from './types';

export const UNSUPPORTED_JSON_MESSAGE =
	'This JSON file is neither a FRED series/observations response nor a Polygon/Massive aggregates response. Import a CSV, or one of those responses saved to a file.';

export const BAD_JSON_MESSAGE =
	'The file starts like JSON but is not valid JSON (it may be cut short). Save the response again.';

export type JsonShape =
	| { readonly kind: 'fred' }
	| { readonly kind: 'polygon'; readonly json: unknown }
	| {
			readonly kind: 'refused';
			readonly code: 'api_error' | 'unsupported_json' | 'bad_fred_json';
			readonly message: string;
	  };

/** Which of the supported responses `text` is (FRED is then read by readFredObservationsJson). */
export function jsonShape(text: string): JsonShape {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { kind: 'refused', code: 'bad_fred_json', message: BAD_JSON_MESSAGE };
	}
	const apiError = apiErrorMessage(json);
	if (apiError) return { kind: 'refused', code: 'api_error', message: apiError };
	if (
		typeof json === 'object' &&
		json !== null &&
		!Array.isArray(json) &&
		Object.hasOwn(json, 'observations')
	)
		return { kind: 'fred' };
	if (isPolygonAggs(json)) return { kind: 'polygon', json };
	return { kind: 'refused', code: 'unsupported_json', message: UNSUPPORTED_JSON_MESSAGE };
}

export function parseJson(
	bytes: Uint8Array,
	text: string,
	opts: ParseOptions,
	log: RowErrorLog
): ImportResult {
	const shape = jsonShape(text);
	if (shape.kind === 'refused') return refuse(log, shape.code, shape.message);
	if (shape.kind === 'polygon') return parsePolygonJson(bytes, shape.json, opts, log);
	const read = readFredObservationsJson(text);
	if (!read.ok) return refuse(log, read.code, read.message);
	if (opts.source !== 'fred') {
		return refuse(
			log,
			'source_mismatch',
			'This file is a FRED API response; declare its source as FRED to import it.'
		);
	}
	if (opts.kind !== 'values') {
		return refuse(log, 'bad_mapping', 'A FRED series has one value per date; import it as values, not bars.');
	}
	if (read.observations.length === 0)
		return refuse(log, 'header_only', 'This FRED response has no observations.');
	const builder = new SeriesBuilder(['value']);
	const skippedRows = collectFredObservations(read.observations, opts.nowMs, log, {
		add: (row, t, value) => builder.add(row, t, [value])
	});
	return finish({
		bytes,
		opts,
		log,
		builder,
		totalRows: read.observations.length,
		skippedRows,
		warnings: [],
		dateName: 'date',
		fredSeriesId: seriesIdFromFileName(opts.fileName),
		fredJson: true
	});
}

/** Polygon's field letters, used as the column names of its row errors. */
const POLYGON_NAMES = { open: 'o', high: 'h', low: 'l', close: 'c', volume: 'v' } as const;

function parsePolygonJson(
	bytes: Uint8Array,
	json: unknown,
	opts: ParseOptions,
	log: RowErrorLog
): ImportResult {
	const read = readPolygonAggs(json);
	if (!read.ok) return refuse(log, 'bad_polygon_json', read.message);
	if (opts.source !== 'polygon') {
		return refuse(
			log,
			'source_mismatch',
			'This file is a Polygon/Massive aggregates response; declare its source as Polygon/Massive to import it.'
		);
	}
	if (opts.kind !== 'bars') {
		return refuse(log, 'bad_mapping', 'A Polygon/Massive aggregates response holds bars; import it as bars.');
	}
	if (read.results.length === 0)
		return refuse(log, 'header_only', 'This Polygon/Massive response has no bars.');
	const builder = new SeriesBuilder(['open', 'high', 'low', 'close', 'volume']);
	let inconsistent = 0;
	const unreadable = collectPolygonBars(read.results, opts.nowMs, log, {
		add: (row, t, values) => {
			if (barConsistent(values, row, POLYGON_NAMES, log)) builder.add(row, t, values);
			else inconsistent++;
		}
	});
	return finish({
		bytes,
		opts,
		log,
		builder,
		totalRows: read.results.length,
		skippedRows: unreadable + inconsistent,
		warnings: [],
		dateName: 't',
		fredSeriesId: null
	});
}
