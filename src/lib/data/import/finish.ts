/**
 * The last step of every parse (CSV, FRED JSON, Polygon JSON): sort and de-duplicate the collected rows, add the
 * file-level warnings, hash the original bytes and check the whole series against the domain's rules.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { checkBars, isoDate } from '../../domain/series';
import { slashFormatUnconfirmed } from './dates';
import { inferFrequency } from './fred';
import { findFredSeries } from './fred-series';
import { summariseCounts, type RowErrorLog } from './report';
import type { SeriesBuilder } from './series-builder';
import type {
	FredImportMeta,
	ImportResult,
	ImportWarning,
	ParseOptions,
	PriceBasis,
	RefusalCode
} from './types';
import { warning } from './warnings';

export function refuse(log: RowErrorLog, code: RefusalCode, message: string): ImportResult {
	return { ok: false, code, message, ...log.report() };
}

export function describeTime(t: number): string {
	const iso = new Date(t).toISOString();
	return iso.endsWith('T00:00:00.000Z') ? isoDate(t) : iso.slice(0, 19).replace('T', ' ');
}

export interface FinishInput {
	readonly bytes: Uint8Array;
	readonly opts: ParseOptions;
	readonly log: RowErrorLog;
	readonly builder: SeriesBuilder;
	readonly totalRows: number;
	readonly skippedRows: number;
	readonly warnings: ImportWarning[];
	readonly dateName: string;
	readonly fredSeriesId: string | null;
	readonly fredJson?: boolean;
	readonly priceBasis?: PriceBasis;
}

export function finish(input: FinishInput): ImportResult {
	const { opts, log, builder } = input;
	const built = builder.finish(log, input.dateName, describeTime);
	const validRows = built.t.length;
	const skippedRows = input.skippedRows + built.skipped;
	if (validRows === 0) {
		return refuse(
			log,
			'no_valid_rows',
			`No row of this file could be imported (${input.totalRows} row(s) read: ${summariseCounts(log.report().errorCounts)}).`
		);
	}
	const warnings = [...input.warnings, ...built.warnings];
	if (!input.fredJson && slashFormatUnconfirmed(opts.dateFormat, built.t)) {
		warnings.push(
			warning(
				'date_order_unconfirmed',
				`Every date has a day of month of 12 or less, so nothing in the file confirms ${opts.dateFormat} over the other order. Check the dates.`,
				validRows
			)
		);
	}
	built.fields.forEach((column, j) => {
		if (column.length > 1 && column.every((v) => v === column[0])) {
			warnings.push(
				warning(
					'constant_column',
					`The ${builder.fieldNames[j]} column has the same value (${column[0]}) in every row.`,
					column.length
				)
			);
		}
	});
	const common = {
		ok: true as const,
		t: built.t,
		...log.report(),
		validRows,
		totalRows: input.totalRows,
		skippedRows,
		warnings,
		sha256: bytesToHex(sha256(input.bytes)),
		bytes: input.bytes.length,
		firstT: built.t[0],
		lastT: built.t[validRows - 1],
		...(input.priceBasis ? { priceBasis: input.priceBasis } : {})
	};
	const title = input.fredSeriesId ? findFredSeries(input.fredSeriesId)?.title : undefined;
	const fred: FredImportMeta | undefined =
		input.fredJson || input.fredSeriesId
			? { seriesId: input.fredSeriesId, ...(title ? { title } : {}), frequency: inferFrequency(built.t) }
			: undefined;
	if (opts.kind === 'values') {
		return { ...common, kind: 'values', columns: { value: built.fields[0] }, ...(fred ? { fred } : {}) };
	}
	const [open, high, low, close, volume] = built.fields;
	const columns = { open, high, low, close, volume };
	// The rows were checked one by one; this re-checks the whole series against the domain's own rules.
	const problem = checkBars({ t: built.t, ...columns });
	if (problem)
		return refuse(log, 'invalid_series', `The imported bars are inconsistent: ${problem.message}.`);
	return { ...common, kind: 'bars', columns };
}
