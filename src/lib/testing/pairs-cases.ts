/**
 * The cases of the pairs-trading and sector-rotation fixture (bench/make-pairs-fixture.ts writes them for the
 * Python reference; the specs run the same cases and compare).
 */
import type { PairsOptions } from '../models/portfolio/pairs';
import { cointegratedPair, independentPair } from './pairs';
import { alignedMonthly, type StockSymbol } from './stocks';

export type CaseData =
	| { readonly kind: 'stocks'; readonly symbols: readonly StockSymbol[] }
	| { readonly kind: 'cointegrated'; readonly rows: number; readonly seed: number }
	| { readonly kind: 'independent'; readonly rows: number; readonly seed: number };

export interface PairCase {
	readonly name: string;
	readonly data: CaseData;
	readonly options: PairsOptions;
}

export interface RotationCase {
	readonly name: string;
	readonly data: CaseData;
	readonly lookback: number;
	readonly rebalanceEvery: number;
	readonly holdings: number;
	readonly threshold: number;
	readonly costBps: number;
}

export const PAIR_CASES: readonly PairCase[] = [
	{
		name: 'cointegrated_daily',
		data: { kind: 'cointegrated', rows: 900, seed: 11 },
		options: { lookback: 120, refitEvery: 20, entry: 2, exit: 0.5, threshold: 0.05, costBps: 5 }
	},
	{
		name: 'cointegrated_refit_daily',
		data: { kind: 'cointegrated', rows: 400, seed: 5 },
		options: { lookback: 60, refitEvery: 1, entry: 1.5, exit: 0.1, threshold: 0.1, costBps: 20 }
	},
	{
		name: 'independent_daily',
		data: { kind: 'independent', rows: 700, seed: 3 },
		options: { lookback: 100, refitEvery: 10, entry: 1, exit: 0.5, threshold: 0.1, costBps: 5 }
	},
	{
		name: 'msft_ibm_monthly',
		data: { kind: 'stocks', symbols: ['MSFT', 'IBM'] },
		options: { lookback: 36, refitEvery: 1, entry: 1, exit: 0.2, threshold: 0.1, costBps: 10 }
	},
	{
		name: 'aapl_amzn_monthly',
		data: { kind: 'stocks', symbols: ['AAPL', 'AMZN'] },
		options: { lookback: 30, refitEvery: 3, entry: 1.2, exit: 0.3, threshold: 0.1, costBps: 0 }
	}
];

export const ROTATION_CASES: readonly RotationCase[] = [
	{
		name: 'four_stocks_top1',
		data: { kind: 'stocks', symbols: ['MSFT', 'AMZN', 'IBM', 'AAPL'] },
		lookback: 12,
		rebalanceEvery: 1,
		holdings: 1,
		threshold: 0.05,
		costBps: 10
	},
	{
		name: 'five_series_top2',
		data: { kind: 'stocks', symbols: ['MSFT', 'AMZN', 'IBM', 'AAPL', 'SP500'] },
		lookback: 6,
		rebalanceEvery: 3,
		holdings: 2,
		threshold: 0.1,
		costBps: 25
	}
];

/** The closes of a case, one array per asset, aligned. */
export function caseCloses(data: CaseData): Float64Array[] {
	if (data.kind === 'stocks') return alignedMonthly(data.symbols).map((b) => b.close);
	const pair =
		data.kind === 'cointegrated'
			? cointegratedPair(data.rows, data.seed)
			: independentPair(data.rows, data.seed);
	return [pair.a, pair.b];
}
