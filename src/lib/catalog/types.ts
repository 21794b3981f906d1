/**
 * The catalog entry contract (ARCHITECTURE §4): all 137 entries of the original system, as data.
 */
import type { ParamRule, ParamSpecs } from './params';

export const CATEGORIES = [
	'time_series',
	'traditional_ml',
	'deep_learning',
	'reinforcement_learning',
	'ensemble_meta',
	'regime_clustering',
	'forecasting_optimization',
	'nlp_sentiment',
	'momentum',
	'volume_analysis',
	'pattern_recognition',
	'cutting_edge_ai',
	'financial_engineering',
	'information_theory',
	'risk_analytics',
	'market_microstructure',
	'system_intelligence',
	'optimization',
	'macro_analysis',
	'advanced'
] as const;

export type Category = (typeof CATEGORIES)[number];

/** How an implementation is called (ARCHITECTURE §4 "Model implementations by kind"). */
export type ModelKind = 'learner' | 'signal' | 'formula' | 'test' | 'optimiser' | 'procedure';

/** The original system's classification of the entry (reference/original-system.md §1.3 legend). */
export type Family =
	| 'ML'
	| 'DL'
	| 'RL'
	| 'STAT'
	| 'IND'
	| 'RULE'
	| 'FORMULA'
	| 'OPT'
	| 'SIM'
	| 'TEST'
	| 'TRANSFORM'
	| 'META'
	| 'NLP'
	| 'INFRA';

export type Task =
	| 'regression'
	| 'classification'
	| 'sequence_regression'
	| 'forecast'
	| 'volatility_forecast'
	| 'clustering'
	| 'regime'
	| 'anomaly'
	| 'signal'
	| 'measure'
	| 'pricing'
	| 'portfolio'
	| 'policy'
	| 'test'
	| 'transform'
	| 'procedure'
	| 'text';

/** What data an entry needs. Text, order-book, options-chain, image and alternative data are not supplied by
 * any approved source, which is what makes an entry honestly unavailable. */
export type InputKind =
	| 'features'
	| 'ohlcv'
	| 'close'
	| 'returns'
	| 'returns_matrix'
	| 'two_series'
	| 'macro_series'
	| 'option_inputs'
	| 'text'
	| 'order_book'
	| 'trades_quotes'
	| 'options_chain'
	| 'images'
	| 'alternative_data'
	| 'none';

/** 'runnable': an implementation exists and runs. 'not_implemented': it will be written; never shown as runnable.
 * `{ unavailable }`: it cannot run for a reason a user would accept (data no approved source supplies). */
export type EntryStatus = 'runnable' | 'not_implemented' | { readonly unavailable: string };

/** What an entry file declares; 'runnable' is never declared but derived from the model files (catalog.ts). */
export type DeclaredStatus = Exclude<EntryStatus, 'runnable'>;

export interface CatalogEntry {
	/** 1-based position in the original catalog (file order). */
	readonly index: number;
	readonly id: string;
	readonly name: string;
	readonly category: Category;
	readonly kind: ModelKind;
	readonly family: Family;
	readonly task: Task;
	readonly inputs: readonly InputKind[];
	/** What the original pointed at (library → class), kept as a reference for the implementation. */
	readonly original: string;
	readonly description: string;
	readonly params: ParamSpecs;
	/** Rules between parameters, checked with them (e.g. a fast period below the slow one). */
	readonly rules?: readonly ParamRule[];
	readonly status: EntryStatus;
}

/** An entry as its file declares it. */
export interface DeclaredEntry extends Omit<CatalogEntry, 'status'> {
	readonly status: DeclaredStatus;
}
