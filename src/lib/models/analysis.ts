/**
 * The analysis contract (ARCHITECTURE §4, task kind `analysis`): formulas, measures, statistical tests and
 * transforms. An analysis is not walk-forward: it evaluates once, on the datasets it is given (aligned on common
 * dates) or on the numbers the user typed as its params, and returns a result record of named numbers, tables,
 * charts and notes. The record is stored with the datasets' provenance and audited like a trial.
 *
 * Implementations are pure functions of (data, params, ctx): deterministic for a given seed, no I/O.
 */
import { z } from 'zod';
import type { Bars } from '../domain/series';
import type { Rng } from '../domain/random';

export {
	ANALYSIS_INPUTS,
	ANALYSIS_TASKS,
	type AnalysisInput,
	type AnalysisTask
} from '../catalog/analysis-kinds';

export interface AnalysisDataset {
	/** What the user calls it (dataset name or symbol), used in labels. */
	readonly name: string;
	readonly bars: Bars;
}

/** The datasets of a run, already aligned on common dates (every `bars.t` equal), oldest first. */
export interface AnalysisData {
	readonly datasets: readonly AnalysisDataset[];
}

export interface AnalysisContext {
	/** Seeded generator; the only randomness an analysis may use (Monte Carlo, permutation tests). */
	readonly rng: Rng;
	readonly onProgress?: (fraction: number) => void;
	readonly isCancelled?: () => boolean;
}

/** One named number of a result: a price, a statistic, a p-value, a ratio. */
export interface NamedNumber {
	/** Stable machine key (snake_case), for Claude and for comparisons between runs. */
	readonly key: string;
	/** What a reader sees. */
	readonly label: string;
	/** NaN when undefined on this data (e.g. a ratio with a zero denominator), never a made-up value. */
	readonly value: number;
	/** '%' means the value is a fraction shown as a percentage; otherwise a unit shown after the value. */
	readonly unit?: string;
	readonly note?: string;
}

export interface AnalysisTable {
	readonly title: string;
	readonly columns: readonly string[];
	readonly rows: readonly (readonly (string | number | null)[])[];
}

export interface AnalysisChart {
	readonly title: string;
	/** 'time': x is epoch ms; 'number': any increasing numbers (strike, maturity, lag, scale). */
	readonly xKind: 'time' | 'number';
	readonly x: Float64Array;
	/** Each line has one value per x; NaN leaves a gap. */
	readonly lines: readonly { readonly name: string; readonly values: Float64Array }[];
	readonly xLabel?: string;
	readonly yLabel?: string;
}

export interface AnalysisResult {
	readonly numbers: readonly NamedNumber[];
	readonly tables: readonly AnalysisTable[];
	readonly charts: readonly AnalysisChart[];
	/** Plain sentences a reader must know: the method, what was assumed, why a number is missing. */
	readonly notes: readonly string[];
	/** For tests: the conclusion at the stated level, in words ("unit root not rejected at 5 %"). */
	readonly verdict?: string;
}

/** Why an analysis cannot run on what it was given (too few rows, no quotes): shown to the user as is. */
export class AnalysisInputError extends Error {
	readonly code = 'analysis_input';
	constructor(message: string) {
		super(message);
	}
}

/** Shorthand for a result with only some parts. */
export function analysisResult(parts: Partial<AnalysisResult>): AnalysisResult {
	return {
		numbers: parts.numbers ?? [],
		tables: parts.tables ?? [],
		charts: parts.charts ?? [],
		notes: parts.notes ?? [],
		...(parts.verdict === undefined ? {} : { verdict: parts.verdict })
	};
}

const finiteOrNaN = z.number().or(z.nan());
const float64 = z.custom<Float64Array>((v) => v instanceof Float64Array, {
	error: 'expected a Float64Array'
});

/** Validates what an implementation returned before it is stored (a boundary like any other). */
export const analysisResultSchema = z
	.object({
		numbers: z.array(
			z.object({
				key: z.string().regex(/^[a-z][a-z0-9_]*$/),
				label: z.string().min(1),
				value: finiteOrNaN,
				unit: z.string().optional(),
				note: z.string().optional()
			})
		),
		tables: z.array(
			z.object({
				title: z.string().min(1),
				columns: z.array(z.string()).min(1),
				rows: z.array(z.array(z.union([z.string(), finiteOrNaN, z.null()])))
			})
		),
		charts: z.array(
			z.object({
				title: z.string().min(1),
				xKind: z.enum(['time', 'number']),
				x: float64,
				lines: z.array(z.object({ name: z.string().min(1), values: float64 })).min(1),
				xLabel: z.string().optional(),
				yLabel: z.string().optional()
			})
		),
		notes: z.array(z.string()),
		verdict: z.string().optional()
	})
	.superRefine((r, ctx) => {
		r.tables.forEach((table, i) =>
			table.rows.forEach((row, j) => {
				if (row.length !== table.columns.length)
					ctx.addIssue({
						code: 'custom',
						path: ['tables', i, 'rows', j],
						message: `row has ${row.length} cells, the table ${table.columns.length} columns`
					});
			})
		);
		r.charts.forEach((chart, i) =>
			chart.lines.forEach((line, j) => {
				if (line.values.length !== chart.x.length)
					ctx.addIssue({
						code: 'custom',
						path: ['charts', i, 'lines', j],
						message: `line ${line.name} has ${line.values.length} values for ${chart.x.length} x`
					});
			})
		);
	});
