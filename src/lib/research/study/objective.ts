/**
 * What a study optimises: one number of a trial's stitched out-of-sample summary (db/records.ts
 * trialSummarySchema), with the direction that makes it better. A metric the trial's task does not report is
 * NaN ("not available"), never a stand-in.
 */
import type { MetricsBlock } from '../../db/records';

export const OBJECTIVES = {
	sharpe: {
		label: 'Sharpe ratio after costs',
		direction: 'maximize',
		of: (m: MetricsBlock) => m.strategy.sharpe
	},
	sortino: {
		label: 'Sortino ratio after costs',
		direction: 'maximize',
		of: (m: MetricsBlock) => m.strategy.sortino
	},
	annual_return: {
		label: 'Annualised return after costs',
		direction: 'maximize',
		of: (m: MetricsBlock) => m.strategy.annualReturn
	},
	calmar: {
		label: 'Calmar ratio after costs',
		direction: 'maximize',
		of: (m: MetricsBlock) => m.strategy.calmar
	},
	max_drawdown: {
		label: 'Maximum drawdown after costs',
		direction: 'maximize', // drawdowns are stored as negative fractions: closer to 0 is better
		of: (m: MetricsBlock) => m.strategy.maxDrawdown
	},
	ic: {
		label: 'Information coefficient (Spearman)',
		direction: 'maximize',
		of: (m: MetricsBlock) => m.direction.ic
	},
	hit_rate: { label: 'Hit rate', direction: 'maximize', of: (m: MetricsBlock) => m.direction.hitRate },
	rmse: { label: 'RMSE', direction: 'minimize', of: (m: MetricsBlock) => m.regression?.rmse ?? Number.NaN },
	r2: { label: 'R²', direction: 'maximize', of: (m: MetricsBlock) => m.regression?.r2 ?? Number.NaN },
	log_loss: {
		label: 'Log loss',
		direction: 'minimize',
		of: (m: MetricsBlock) => m.classification?.logLoss ?? Number.NaN
	},
	roc_auc: {
		label: 'ROC AUC',
		direction: 'maximize',
		of: (m: MetricsBlock) => m.classification?.rocAuc ?? Number.NaN
	},
	brier: {
		label: 'Brier score',
		direction: 'minimize',
		of: (m: MetricsBlock) => m.classification?.brier ?? Number.NaN
	},
	mase: { label: 'MASE', direction: 'minimize', of: (m: MetricsBlock) => m.forecast?.mase ?? Number.NaN },
	qlike: { label: 'QLIKE', direction: 'minimize', of: (m: MetricsBlock) => m.volatility?.qlike ?? Number.NaN }
} as const satisfies Record<
	string,
	{ label: string; direction: 'maximize' | 'minimize'; of: (m: MetricsBlock) => number }
>;

export type ObjectiveMetric = keyof typeof OBJECTIVES;
export const OBJECTIVE_METRICS = Object.keys(OBJECTIVES) as [ObjectiveMetric, ...ObjectiveMetric[]];
export type Direction = 'maximize' | 'minimize';

/** The metric's value in a summary or fold metrics block; NaN when the task does not report it. */
export function objectiveValue(metrics: MetricsBlock, metric: ObjectiveMetric): number {
	const v = OBJECTIVES[metric].of(metrics);
	return Number.isFinite(v) ? v : Number.NaN;
}

/** The value as a score to maximise (samplers and pruners maximise). */
export function toScore(value: number, direction: Direction): number {
	return direction === 'maximize' ? value : -value;
}

/** True when a is strictly better than b in the direction; NaN is never better. */
export function better(a: number, b: number, direction: Direction): boolean {
	if (!Number.isFinite(a)) return false;
	if (!Number.isFinite(b)) return true;
	return direction === 'maximize' ? a > b : a < b;
}
