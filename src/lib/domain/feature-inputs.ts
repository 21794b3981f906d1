/**
 * Other series a trial's features read besides its own bars (issue 12): a benchmark (SPY, ^GSPC) and macro
 * inputs (VIX, a FRED rate), each joined to the trial's bars AS OF what was known on each bar's day
 * (domain/as-of.ts) with the publication lag the user states per input. Every column is computed from the
 * joined series only, so no column of a row reads a value before its availability day (feature-inputs.spec.ts
 * proves it by perturbing every value not yet available).
 *
 * Columns, appended after the set's columns and named `<input id>:<column>`:
 * - benchmark (a dataset's close, or a value series read as a price level): relative strength
 *   rs_N = the asset's N-day return − the benchmark's N-day return over the same rows, N = 5, 20, 60
 *   (original-system.md §6.7 "relative strength against a benchmark");
 * - macro (a value series, or a dataset's close such as VIX): `level` (the joined value), `chg20` (the joined
 *   value minus the joined value 20 rows earlier: the change of what was known) and `z60` (a rolling z-score of
 *   the joined value over 60 rows).
 *
 * Default lags: one observation for macro (a monthly value is used from the next month's observation on),
 * none for a benchmark (a close is known at the close). Pure.
 */
import { z } from 'zod';
import { asOfJoin, availableDays, publicationLagSchema, type PublicationLag } from './as-of';
import { differenced, pctReturn, rollingZ } from './feature-ops';
import type { FeatureSet } from './features';
import type { Bars } from './series';

export const FEATURE_INPUT_KINDS = ['dataset', 'series'] as const;
export const FEATURE_INPUT_ROLES = ['benchmark', 'macro'] as const;
export type FeatureInputKind = (typeof FEATURE_INPUT_KINDS)[number];
export type FeatureInputRole = (typeof FEATURE_INPUT_ROLES)[number];
/** Each input adds 3 columns; four keep a set's width (and a fold's fit) within reason. */
export const MAX_FEATURE_INPUTS = 4;
/** A dataset version id or a stored series id. */
const MAX_INPUT_ID_CHARS = 200;
/** A market close is known at the close of its own day. */
export const BENCHMARK_LAG: PublicationLag = Object.freeze({ observations: 0 });
/** A macro value is known once the next observation is dated (as-of.ts DEFAULT_PUBLICATION_LAG). */
export const MACRO_LAG: PublicationLag = Object.freeze({ observations: 1 });
/** Relative-strength windows in rows (§6.7 uses 5/20/60-day horizons). */
export const RS_WINDOWS = [5, 20, 60] as const;
/** A macro input's change is over this many rows (about a trading month). */
export const MACRO_CHANGE_ROWS = 20;
/** A macro input's z-score window in rows (about a quarter). */
export const MACRO_Z_ROWS = 60;

export function defaultLag(role: FeatureInputRole): PublicationLag {
	return role === 'benchmark' ? { ...BENCHMARK_LAG } : { ...MACRO_LAG };
}

export const featureInputSchema = z
	.object({
		kind: z.enum(FEATURE_INPUT_KINDS, { error: 'features.inputs.kind must be dataset or series' }),
		id: z
			.string({ error: 'features.inputs.id must be text' })
			.min(1, { error: 'features.inputs.id is required' })
			.max(MAX_INPUT_ID_CHARS, {
				error: `features.inputs.id takes at most ${MAX_INPUT_ID_CHARS} characters`
			}),
		role: z.enum(FEATURE_INPUT_ROLES, { error: 'features.inputs.role must be benchmark or macro' }),
		lag: publicationLagSchema.optional()
	})
	.strict()
	.transform((i) => ({ kind: i.kind, id: i.id, role: i.role, lag: i.lag ?? defaultLag(i.role) }));
export type FeatureInput = z.infer<typeof featureInputSchema>;

export const featureInputsSchema = z
	.array(featureInputSchema)
	.min(1, { error: 'features.inputs lists at least one input (leave it out for none)' })
	.max(MAX_FEATURE_INPUTS, { error: `features.inputs lists at most ${MAX_FEATURE_INPUTS} inputs` })
	.refine((list) => new Set(list.map((i) => `${i.kind}:${i.id}`)).size === list.length, {
		error: 'features.inputs names the same input twice'
	});

/** An input's observations as the worker received them: a dataset's close or a series' values. */
export interface FeatureInputData {
	readonly kind: FeatureInputKind;
	readonly id: string;
	/** Observation dates, epoch ms, strictly ascending. */
	readonly t: Float64Array;
	readonly value: Float64Array;
}

/** A spec names an input whose data was not given (a job built without it): refused, never silently dropped. */
export class FeatureInputError extends Error {
	readonly code = 'input_missing';
	constructor(message: string) {
		super(message);
		this.name = 'FeatureInputError';
	}
}

function suffixes(role: FeatureInputRole): string[] {
	return role === 'benchmark'
		? RS_WINDOWS.map((n) => `rs_${n}`)
		: ['level', `chg${MACRO_CHANGE_ROWS}`, `z${MACRO_Z_ROWS}`];
}

export function inputColumnNames(inputs: readonly FeatureInput[]): string[] {
	return inputs.flatMap((i) => suffixes(i.role).map((s) => `${i.id}:${s}`));
}

/** Rows of warm-up the input columns add on the bars (the join's own start depends on the data). */
export function inputWarmup(inputs: readonly FeatureInput[]): number {
	return Math.max(
		0,
		...inputs.map((i) =>
			i.role === 'benchmark' ? Math.max(...RS_WINDOWS) : Math.max(MACRO_CHANGE_ROWS, MACRO_Z_ROWS - 1)
		)
	);
}

export function findInputData(
	input: Pick<FeatureInput, 'kind' | 'id'>,
	data: readonly FeatureInputData[] | undefined
): FeatureInputData {
	const found = data?.find((d) => d.kind === input.kind && d.id === input.id);
	if (!found)
		throw new FeatureInputError(`features.inputs: the data of ${input.kind} "${input.id}" was not given`);
	return found;
}

/** The input's columns on these bars, in inputColumnNames order. */
export function inputColumns(
	inputs: readonly FeatureInput[],
	bars: Bars,
	data: readonly FeatureInputData[] | undefined
): Float64Array[] {
	const out: Float64Array[] = [];
	for (const input of inputs) {
		const joined = asOfJoin(bars.t, findInputData(input, data), input.lag);
		if (input.role === 'benchmark') {
			for (const n of RS_WINDOWS) {
				const asset = pctReturn(bars.close, n);
				const bench = pctReturn(joined, n);
				out.push(asset.map((a, t) => a - bench[t]));
			}
		} else {
			out.push(joined, differenced(joined, MACRO_CHANGE_ROWS), rollingZ(joined, MACRO_Z_ROWS));
		}
	}
	return out;
}

/** The set with the inputs' columns appended (the set itself when there are none). */
export function appendInputColumns(
	set: FeatureSet,
	inputs: readonly FeatureInput[] | undefined,
	bars: Bars,
	data: readonly FeatureInputData[] | undefined
): FeatureSet {
	if (!inputs || inputs.length === 0) return set;
	const extra = inputColumns(inputs, bars, data);
	const { rows, cols } = set.matrix;
	const width = cols + extra.length;
	const out = new Float64Array(rows * width);
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) out[r * width + c] = set.matrix.data[r * cols + c];
		for (let j = 0; j < extra.length; j++) out[r * width + cols + j] = extra[j][r];
	}
	return { names: [...set.names, ...inputColumnNames(inputs)], matrix: { data: out, rows, cols: width } };
}

/**
 * The input as it was known at the close of `cutT`'s day (the look-ahead check's cut): observations dated after
 * that day removed, and the value of every kept observation not yet available that day (by its lag, on the full
 * series) blanked to NaN — so a feature that used an unpublished value would change.
 */
export function cutInputAt(data: FeatureInputData, lag: PublicationLag, cutT: number): FeatureInputData {
	const day = Math.floor(cutT / 86_400_000);
	const avail = availableDays(data, lag);
	let n = 0;
	while (n < data.t.length && Math.floor(data.t[n] / 86_400_000) <= day) n++;
	const value = data.value.slice(0, n);
	for (let i = 0; i < n; i++) if (avail[i] > day) value[i] = Number.NaN;
	return { kind: data.kind, id: data.id, t: data.t.slice(0, n), value };
}

/** Short text for a page: "SPY@v2 (benchmark, lag 0 observations)". */
export function describeInput(i: FeatureInput): string {
	const lag =
		'days' in i.lag
			? `${i.lag.days} days`
			: `${i.lag.observations} observation${i.lag.observations === 1 ? '' : 's'}`;
	return `${i.id} (${i.role}, lag ${lag})`;
}
