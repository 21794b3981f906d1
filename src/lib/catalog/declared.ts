/**
 * The 137 entries as their files declare them, literal types kept (catalog.ts derives the typed ids and params
 * from them, and the status 'runnable' from the model files).
 */
import { ADVANCED_FINANCE_ENTRIES } from './entries/advanced-finance';
import { ADVANCED_MODEL_ENTRIES } from './entries/advanced-models';
import { CUTTING_EDGE_AND_FINANCIAL_ENTRIES } from './entries/cutting-edge-and-financial';
import { DEEP_LEARNING_AND_RL_ENTRIES } from './entries/deep-learning-and-rl';
import { ENSEMBLE_AND_REGIME_ENTRIES } from './entries/ensemble-and-regime';
import { FORECASTING_AND_NLP_ENTRIES } from './entries/forecasting-and-nlp';
import { INFORMATION_RISK_MICROSTRUCTURE_ENTRIES } from './entries/information-risk-microstructure';
import { MOMENTUM_ENTRIES } from './entries/momentum';
import { SYSTEM_OPTIMIZATION_MACRO_ENTRIES } from './entries/system-optimization-macro';
import { TIME_SERIES_ENTRIES } from './entries/time-series';
import { TRADITIONAL_ML_ENTRIES } from './entries/traditional-ml';
import { VOLUME_AND_PATTERN_ENTRIES } from './entries/volume-and-patterns';

export const DECLARED_ENTRIES = [
	...TIME_SERIES_ENTRIES,
	...TRADITIONAL_ML_ENTRIES,
	...DEEP_LEARNING_AND_RL_ENTRIES,
	...ENSEMBLE_AND_REGIME_ENTRIES,
	...FORECASTING_AND_NLP_ENTRIES,
	...MOMENTUM_ENTRIES,
	...VOLUME_AND_PATTERN_ENTRIES,
	...CUTTING_EDGE_AND_FINANCIAL_ENTRIES,
	...INFORMATION_RISK_MICROSTRUCTURE_ENTRIES,
	...SYSTEM_OPTIMIZATION_MACRO_ENTRIES,
	...ADVANCED_MODEL_ENTRIES,
	...ADVANCED_FINANCE_ENTRIES
] as const;
