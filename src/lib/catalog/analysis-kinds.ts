/**
 * Which catalog entries are analyses (formulas, measures, tests, transforms: evaluated once, not walk-forward)
 * and what each reads, derived from the entry's task and inputs so that the gateway, the forms and Claude's
 * tools know it without loading the implementation. models/registry.spec.ts checks every implementation's
 * declared input against this.
 */
import type { CatalogEntry } from './types';

/** The catalog tasks an analysis entry can have. */
/**
 * A portfolio backtest is an analysis too: one causal pass over aligned datasets that rebalances on a schedule
 * with weights from the trailing window only (walk-forward within the run), rather than a trial of folds.
 */
export const ANALYSIS_TASKS = ['measure', 'pricing', 'test', 'transform', 'portfolio'] as const;
export type AnalysisTask = (typeof ANALYSIS_TASKS)[number];

/**
 * What an analysis reads:
 * - `none`: its params only (an option price from spot, strike, expiry the user types);
 * - `series`: one dataset (a macro series arrives as bars whose open = high = low = close = the value, volume 0);
 * - `pair`: two datasets on their common dates; the first is the subject, the second the other series
 *   (the benchmark, the candidate cause);
 * - `panel`: two or more datasets on their common dates (a correlation network, a yield curve).
 */
export const ANALYSIS_INPUTS = ['none', 'series', 'pair', 'panel'] as const;
export type AnalysisInput = (typeof ANALYSIS_INPUTS)[number];

/** How many datasets each input kind takes. */
export const DATASETS_FOR: Readonly<Record<AnalysisInput, { min: number; max: number }>> = {
	none: { min: 0, max: 0 },
	series: { min: 1, max: 1 },
	pair: { min: 2, max: 2 },
	panel: { min: 2, max: 12 }
};

/** Entries whose catalog inputs do not say it plainly (several series of one kind, or named features). */
const OVERRIDES: Readonly<Record<string, AnalysisInput>> = {
	yield_curve_analysis: 'panel',
	causal_inference_discovery: 'panel',
	heston_model: 'none',
	volatility_surface_model: 'none'
};

export function isAnalysisTask(task: string): task is AnalysisTask {
	return (ANALYSIS_TASKS as readonly string[]).includes(task);
}

/** What an analysis entry reads; null for entries that are not analyses. */
export function analysisInputOf(entry: CatalogEntry): AnalysisInput | null {
	if (!isAnalysisTask(entry.task)) return null;
	const override = OVERRIDES[entry.id];
	if (override) return override;
	if (entry.inputs.includes('option_inputs') || entry.inputs.includes('none')) return 'none';
	if (entry.inputs.includes('two_series')) return 'pair';
	if (entry.inputs.includes('returns_matrix')) return 'panel';
	return 'series';
}
