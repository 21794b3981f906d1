/**
 * Step 1 of an import: look at a file without converting it. Refuses what cannot be imported (limits,
 * encodings, broken structure) and otherwise returns a preview and suggested settings for the user to confirm.
 * Pure: bytes in, a value out, so it runs the same in the import worker and in Node tests.
 */
import { detectLayout, delimiterName, scanRows } from './csv';
import { contentKind, decodeImportBytes, refusal } from './decode';
import { readFredObservationsJson, seriesIdFromFileName } from './fred';
import { PREVIEW_ROWS, SNIFF_LINES } from './limits';
import { duplicateHeaderMessage, duplicateHeaders, looksLikeHeader, suggestMapping } from './suggest';
import type { InspectResult } from './types';

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
	if (content === 'json') return inspectFredJson(text, fileName);

	const layout = detectLayout(text);
	const sample: string[][] = [];
	const scan = scanRows(layout, (cells) => {
		if (sample.length <= SNIFF_LINES) sample.push(cells.map((c) => c.trim()));
	});
	if (!scan.ok) return scan;
	if (sample.length === 0) return refusal('empty', 'The file has no content.');

	const header = looksLikeHeader(sample);
	const width = sample[0].length;
	if (header) {
		const dups = duplicateHeaders(sample[0]);
		if (dups.length > 0) {
			return refusal('duplicate_header', duplicateHeaderMessage(dups));
		}
		if (scan.rows === 1) return refusal('header_only', 'The file has a header row but no data rows.');
	}
	const headers = header ? sample[0] : Array.from({ length: width }, (_, j) => `Column ${j + 1}`);
	const data = header ? sample.slice(1) : sample;
	const suggestion = suggestMapping(headers, data);
	if (!suggestion.ok) return refusal(suggestion.code, REFUSAL_MESSAGES[suggestion.code]);
	const s = suggestion.suggestion;

	const warnings: string[] = [];
	if (layout.sepLine) {
		warnings.push(
			`The file starts with an Excel "sep=" line; it names the ${delimiterName(layout.delimiter)} delimiter and is skipped.`
		);
	}
	if (s.ambiguousDates) {
		warnings.push(
			'Every sampled date reads both as MM/DD/YYYY and as DD/MM/YYYY. Check the date format before importing.'
		);
	}
	if (s.dateShare < 1) {
		const missed = Math.round((1 - s.dateShare) * 100);
		warnings.push(
			`${missed}% of the sampled dates do not read as ${s.dateFormat}; those rows will be reported.`
		);
	}
	return {
		ok: true,
		delimiter: layout.delimiter,
		headers,
		preview: data.slice(0, PREVIEW_ROWS),
		rowCountEstimate: header ? scan.rows - 1 : scan.rows,
		suggested: { kind: s.kind, mapping: s.mapping, dateFormat: s.dateFormat, decimal: s.decimal, header },
		detected: s.detected,
		...(s.detected === 'fred-csv' ? { fred: { seriesId: s.fredSeriesId } } : {}),
		warnings
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
