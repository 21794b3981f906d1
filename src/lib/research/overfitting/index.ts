/** The study's overfitting defences (Deflated Sharpe Ratio, PBO by CSCV) and its median pruner. */
export { OverfittingError, type OverfittingErrorCode } from './errors';
export { normalQuantile } from './normal-quantile';
export {
	LUCK_THRESHOLD,
	deflatedSharpe,
	expectedMaxSharpe,
	isDistinguishableFromLuck,
	probabilisticSharpe,
	returnMoments,
	sharpeVarianceOf,
	type DeflatedSharpe,
	type DsrFromMoments,
	type DsrFromReturns,
	type ReturnMoments
} from './dsr';
export {
	DEFAULT_BLOCKS,
	MAX_BLOCKS,
	probabilityOfBacktestOverfitting,
	type PboMetric,
	type PboOptions,
	type PboResult,
	type PboSplit
} from './pbo';
export {
	shouldPrune,
	type Direction,
	type IntermediateValues,
	type PruneDecision,
	type PruneReason,
	type PruneRequest,
	type PrunerTrial,
	type TrialState
} from './pruner';
