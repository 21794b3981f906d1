/**
 * Step 1 of an import: look at a file without converting it. Refuses what cannot be imported (limits,
 * encodings, broken structure) and otherwise returns a preview and suggested settings for the user to confirm.
 * Pure: bytes in, a value out, so it runs the same in the import worker and in Node tests.
 */
import { detectLayout, delimiterName, scanRows } from './csv';
import { contentKind, decodeImportBytes, refusal } from './decode';
import { readFredObservationsJson, seriesIdFromFileName } from './fred';
import { readHeaders } from './headers';
import { PREVIEW_ROWS, SNIFF_LINES } from './limits';
import { jsonShape } from './parse-json';
import { readPolygonAggs } from './polygon-json';
import {
	closeChoiceOf,
	duplicateHeaderMessage,
	duplicateHeaders,
	looksLikeHeader,
	suggestMapping
} from './suggest';
import type { ImportWarning, InspectResult } from './types';
import { extraBomWarning, warning } from './warnings';

export const NOT_CSV_MESSAGE =
	'This file looks like a web page or XML, not CSV. Download the data as CSV (or, for FRED, save the API response with file_type=json).';

const REFUSAL_MESSAGES = {
	no_date_column:
		'No column of this file holds dates in a supported format (YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, YYYYMMDD or YYYY-MM-DD HH:mm:ss).',
	too_few_columns:
		'This file has a single column; an import needs a date column and at least one value column.'
} as const;

export function inspectFile(bytes: Uint8Array, fileName: string): InspectResult {
	const decoded = decodeImportBytes(bytes);
	if (!decoded.ok) return decoded;
	const { text } = decoded;
	if (text.trim() === '') return refusal('empty', 'The file has no content.');
	const content = contentKind(text);
	if (content === 'markup') return refusal('not_csv', NOT_CSV_MESSAGE);
	if (content === 'json') return inspectJson(text, fileName);

	const layout = detectLayout(text);
	const sample: string[][] = [];
	let headerLine = 1;
	const scan = scanRows(layout, (cells, line) => {
		if (sample.length === 0) headerLine = line;
		if (sample.length <= SNIFF_LINES) sample.push(cells);
	});
	if (!scan.ok) return scan;
	if (sample.length === 0) return refusal('empty', 'The file has no content.');

	const header = looksLikeHeader(sample);
	const width = sample[0].length;
	const warnings: ImportWarning[] = extraBomWarning(decoded.extraBoms);
	let headers = Array.from({ length: width }, (_, j) => `Column ${j + 1}`);
	if (header) {
		const read = readHeaders(sample[0], headerLine, (j) => `Column ${j + 1}`);
		headers = read.names;
		warnings.push(...read.warnings);
		const dups = duplicateHeaders(headers);
		if (dups.length > 0) {
			return refusal('duplicate_header', duplicateHeaderMessage(dups));
		}
		if (scan.rows === 1) return refusal('header_only', 'The file has a header row but no data rows.');
	}
	const data = (header ? sample.slice(1) : sample).map((row) => row.map((c) => c.trim()));
	const suggestion = suggestMapping(headers, data);
	if (!suggestion.ok) return refusal(suggestion.code, REFUSAL_MESSAGES[suggestion.code]);
	const s = suggestion.suggestion;

	if (layout.sepLine) {
		warnings.push(
			warning(
				'sep_line',
				`The file starts with an Excel "sep=" line; it names the ${delimiterName(layout.delimiter)} delimiter and is skipped.`,
				1,
				[1]
			)
		);
	}
	if (s.decimal === ',') {
		warnings.push(
			warning(
				'decimal_comma',
				`The decimal separator was guessed from the data: more sampled numbers read with a decimal comma (1455,22) than with a dot, so "," is preselected. Check it before importing.`
			)
		);
	}
	if (s.ambiguousDates) {
		warnings.push(
			warning(
				'ambiguous_dates',
				'Every sampled date reads both as MM/DD/YYYY and as DD/MM/YYYY. Check the date format before importing.'
			)
		);
	}
	if (s.dateShare < 1) {
		const missed = Math.round((1 - s.dateShare) * 100);
		warnings.push(
			warning(
				'unread_dates',
				`${missed}% of the sampled dates do not read as ${s.dateFormat}; those rows will be reported.`
			)
		);
	}
	const closeChoice = s.detected === 'fred-csv' ? null : closeChoiceOf(headers);
	if (closeChoice) {
		warnings.push(
			warning(
				'close_choice',
				`The file has both ${JSON.stringify(headers[closeChoice.close])} and ${JSON.stringify(headers[closeChoice.adjusted])}: choose which one to use as the close. The adjusted close is preselected (returns need it); the choice is recorded in the provenance.`
			)
		);
	}
	return {
		ok: true,
		delimiter: layout.delimiter,
		headers,
		preview: data.slice(0, PREVIEW_ROWS),
		rowCountEstimate: header ? scan.rows - 1 : scan.rows,
		suggested: {
			kind: s.kind,
			mapping: s.mapping,
			dateFormat: s.dateFormat,
			decimal: s.decimal,
			header,
			...(s.priceBasis ? { priceBasis: s.priceBasis } : {})
		},
		detected: s.detected,
		...(s.detected === 'fred-csv' ? { fred: { seriesId: s.fredSeriesId } } : {}),
		warnings,
		...(closeChoice ? { closeChoice } : {})
	};
}

function inspectJson(text: string, fileName: string): InspectResult {
	const shape = jsonShape(text);
	if (shape.kind === 'refused') return refusal(shape.code, shape.message);
	if (shape.kind === 'fred') return inspectFredJson(text, fileName);
	const read = readPolygonAggs(shape.json);
	if (!read.ok) return refusal('bad_polygon_json', read.message);
	if (read.results.length === 0) return refusal('header_only', 'This Polygon/Massive response has no bars.');
	const cell = (v: unknown) => (typeof v === 'number' ? String(v) : v === undefined ? '' : JSON.stringify(v));
	const fields = ['t', 'o', 'h', 'l', 'c', 'v'] as const;
	const preview = read.results.slice(0, PREVIEW_ROWS).map((bar) => {
		const record = typeof bar === 'object' && bar !== null ? (bar as Record<string, unknown>) : {};
		return fields.map((f) => (Object.hasOwn(record, f) ? cell(record[f]) : ''));
	});
	return {
		ok: true,
		delimiter: ',',
		headers: [...fields],
		preview,
		rowCountEstimate: read.results.length,
		suggested: {
			kind: 'bars',
			mapping: { date: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
			dateFormat: 'YYYY-MM-DD',
			decimal: '.',
			header: true
		},
		detected: 'polygon-json',
		warnings:
			read.adjusted === false
				? [
						warning(
							'close_choice',
							'This Polygon/Massive response was requested with adjusted=false: its prices are not adjusted for splits.'
						)
					]
				: []
	};
}

function inspectFredJson(text: string, fileName: string): InspectResult {
	const read = readFredObservationsJson(text);
	if (!read.ok) return refusal(read.code, read.message);
	const { observations } = read;
	if (observations.length === 0) return refusal('header_only', 'This FRED response has no observations.');
	return {
		ok: true,
		delimiter: ',',
		headers: ['date', 'value'],
		preview: observations.slice(0, PREVIEW_ROWS).map((o) => [o.date, o.value]),
		rowCountEstimate: observations.length,
		suggested: {
			kind: 'values',
			mapping: { date: 0, value: 1 },
			dateFormat: 'YYYY-MM-DD',
			decimal: '.',
			header: true
		},
		detected: 'fred-json',
		fred: { seriesId: seriesIdFromFileName(fileName) },
		warnings: []
	};
}
