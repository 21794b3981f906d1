/** The shapes ledger.ts takes and returns: an order to open, and the events of every step (the audit trail). */
import type { ExitReason } from './exits';
import type { Horizon } from './settings';
import type { PortfolioState } from './state';

export interface OpenOrder {
	readonly symbol: string;
	readonly horizon: Horizon;
	readonly modelId: string;
	readonly recommendationId?: string;
	/** The day whose close `price` is; exits start with the next trading day's bar. */
	readonly date: string;
	readonly price: number;
	readonly target: number;
	readonly stop: number;
}

export type RefusalReason = 'max_positions' | 'insufficient_cash' | 'duplicate';

export type PortfolioEvent =
	| {
			readonly kind: 'opened';
			readonly date: string;
			readonly positionId: string;
			readonly symbol: string;
			readonly horizon: Horizon;
			readonly modelId: string;
			readonly shares: number;
			/** The quoted price and what each share cost after slippage. */
			readonly price: number;
			readonly fill: number;
			readonly cost: number;
	  }
	| {
			readonly kind: 'closed';
			readonly date: string;
			readonly positionId: string;
			readonly symbol: string;
			readonly horizon: Horizon;
			readonly modelId: string;
			readonly reason: ExitReason;
			/** The price the exit rule named and what each share sold for after slippage. */
			readonly price: number;
			readonly fill: number;
			readonly cost: number;
			readonly gap: boolean;
			readonly pnl: number;
			readonly tradeReturn: number;
	  }
	| {
			readonly kind: 'refused';
			readonly date: string;
			readonly symbol: string;
			readonly reason: RefusalReason;
			readonly message: string;
	  };

export interface LedgerStep {
	readonly state: PortfolioState;
	readonly events: readonly PortfolioEvent[];
}
