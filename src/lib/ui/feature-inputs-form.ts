/**
 * The New trial form's "Other inputs" (domain/feature-inputs.ts): stored datasets and value series a user may
 * join to the trial's bars, each row's role and publication lag, and the spec's `features.inputs` they make.
 * Pure; the page supplies what storage holds.
 */
import type { InputFacts, InputLookup } from '../compliance/input-policy';
import {
	defaultLag,
	MAX_FEATURE_INPUTS,
	type FeatureInputKind,
	type FeatureInputRole
} from '../domain/feature-inputs';

/** A stored dataset version as the form sees it. */
export interface DatasetChoiceSource {
	readonly id: string;
	readonly name: string;
	readonly symbol: string;
	readonly version: number;
	readonly provenance: unknown;
	readonly bars: { readonly t: Float64Array; readonly close: Float64Array };
}

/** A stored value series (FRED) as the form sees it. */
export interface SeriesChoiceSource {
	readonly id: string;
	readonly name: string;
	readonly title: string;
	readonly provenance: unknown;
	readonly t: Float64Array;
	readonly value: Float64Array;
}

export interface InputChoice {
	/** `kind:id`: the option's value. */
	readonly key: string;
	readonly kind: FeatureInputKind;
	readonly id: string;
	readonly label: string;
	/** The role it most likely plays: an index ETF or index is a benchmark, anything else macro. */
	readonly role: FeatureInputRole;
	readonly facts: InputFacts;
}

export interface InputRow {
	key: string;
	role: FeatureInputRole;
	lagUnit: 'observations' | 'days';
	lag: number;
}

/** Symbols the original compared against (§6.7): a row of one of these starts as a benchmark. */
const BENCHMARK_SYMBOLS = new Set(['SPY', '^GSPC', 'SPX', 'I:SPX', 'QQQ', 'IWM', 'DIA']);

export function inputChoices(
	datasets: readonly DatasetChoiceSource[],
	series: readonly SeriesChoiceSource[],
	tradedId: string
): InputChoice[] {
	const fromDatasets = datasets
		.filter((d) => d.id !== tradedId)
		.map<InputChoice>((d) => ({
			key: `dataset:${d.id}`,
			kind: 'dataset',
			id: d.id,
			label: `${d.name} (${d.symbol}, v${d.version}; close)`,
			role: BENCHMARK_SYMBOLS.has(d.symbol.toUpperCase()) ? 'benchmark' : 'macro',
			facts: { id: d.id, provenance: d.provenance, rows: d.bars.t.length, t: d.bars.t, value: d.bars.close }
		}));
	const fromSeries = series.map<InputChoice>((s) => ({
		key: `series:${s.id}`,
		kind: 'series',
		id: s.id,
		label: `${s.name}: ${s.title}`,
		role: 'macro',
		facts: { id: s.id, provenance: s.provenance, rows: s.t.length, t: s.t, value: s.value }
	}));
	return [...fromDatasets, ...fromSeries];
}

/** A new row for a choice: its likely role and that role's default lag; null when the form is full. */
export function newInputRow(rows: readonly InputRow[], choice: InputChoice | undefined): InputRow | null {
	if (!choice || rows.length >= MAX_FEATURE_INPUTS) return null;
	const lag = defaultLag(choice.role);
	return 'days' in lag
		? { key: choice.key, role: choice.role, lagUnit: 'days', lag: lag.days }
		: { key: choice.key, role: choice.role, lagUnit: 'observations', lag: lag.observations };
}

/** The spec's features.inputs for these rows (undefined for none, so the spec hashes as without inputs). */
export function inputsOfRows(rows: readonly InputRow[]): unknown[] | undefined {
	if (rows.length === 0) return undefined;
	return rows.map((r) => {
		const at = r.key.indexOf(':');
		return {
			kind: r.key.slice(0, at),
			id: r.key.slice(at + 1),
			role: r.role,
			lag: r.lagUnit === 'days' ? { days: r.lag } : { observations: r.lag }
		};
	});
}

/** The gateway's lookup over the choices (live feedback; the content hash is checked on submission). */
export function choiceLookup(choices: readonly InputChoice[]): InputLookup {
	return (ref) => choices.find((c) => c.kind === ref.kind && c.id === ref.id)?.facts;
}

/** Lags the form cannot send, at `features.inputs.<i>.lag` (the gateway's union error would not name the row). */
export function inputRowIssues(rows: readonly InputRow[]): { path: string; message: string }[] {
	return rows.flatMap((r, i) => {
		const max = r.lagUnit === 'days' ? 400 : 24;
		return Number.isInteger(r.lag) && r.lag >= 0 && r.lag <= max
			? []
			: [
					{
						path: `features.inputs.${i}.lag`,
						message: `the lag must be a whole number of ${r.lagUnit} from 0 to ${max}`
					}
				];
	});
}
