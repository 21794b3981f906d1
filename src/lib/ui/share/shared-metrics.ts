/**
 * A shared record's headline numbers, grouped for reading: `strategy.sharpe` → group "Strategy after costs", row
 * "sharpe". Numbers print with enough digits to compare by eye; the exact values stay in the link.
 */
import type { SharedMetrics } from '$lib/app/share';

const GROUPS: Record<string, string> = {
	strategy: 'Strategy after costs',
	buyHold: 'Buy and hold',
	direction: 'Direction',
	regression: 'Regression',
	classification: 'Classification',
	signal: 'Signal',
	forecast: 'Forecast',
	volatility: 'Volatility',
	regime: 'Regimes'
};

/** Readable names of the summary's fields; a name not listed is shown as it is. */
const NAMES: Record<string, string> = {
	totalReturn: 'Total return',
	annualReturn: 'Annualised return',
	volatility: 'Volatility (annualised)',
	sharpe: 'Sharpe',
	sortino: 'Sortino',
	maxDrawdown: 'Max drawdown',
	calmar: 'Calmar',
	turnover: 'Turnover (per year)',
	hitRate: 'Hit rate',
	ic: 'Information coefficient',
	rmse: 'RMSE',
	mae: 'MAE',
	r2: 'R²',
	accuracy: 'Accuracy',
	balancedAccuracy: 'Balanced accuracy',
	rocAuc: 'ROC AUC',
	logLoss: 'Log loss',
	brier: 'Brier score',
	positiveRate: 'Share of up moves',
	exposure: 'Exposure',
	longShare: 'Long share',
	shortShare: 'Short share',
	trades: 'Trades',
	mase: 'MASE',
	smape: 'sMAPE',
	naiveSmape: 'sMAPE of the naive forecast',
	qlike: 'QLIKE',
	baselineQlike: 'QLIKE of the baseline',
	mse: 'MSE',
	baselineMse: 'MSE of the baseline',
	forecastVol: 'Forecast volatility',
	realisedVol: 'Realised volatility',
	switches: 'Regime switches',
	states: 'States',
	rows: 'Out-of-sample rows'
};

export interface MetricGroup {
	readonly label: string;
	readonly rows: readonly { readonly name: string; readonly value: number | null }[];
}

/**
 * Groups in the trial page's order (strategy, buy and hold, direction, the task's block), names without a known
 * prefix last under "Other"; rows keep their order. A decoded link's keys are sorted, so the order is set here.
 */
export function groupMetrics(metrics: SharedMetrics): MetricGroup[] {
	const groups = new Map<string, { name: string; value: number | null }[]>();
	for (const [key, value] of Object.entries(metrics)) {
		const dot = key.indexOf('.');
		const prefix = dot > 0 ? key.slice(0, dot) : '';
		const label = GROUPS[prefix] ?? 'Other';
		const field = label === 'Other' ? key : key.slice(dot + 1);
		const name = NAMES[field] ?? field;
		if (!groups.has(label)) groups.set(label, []);
		groups.get(label)!.push({ name, value });
	}
	const order = [...Object.values(GROUPS), 'Other'];
	return [...groups]
		.sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
		.map(([label, rows]) => ({ label, rows }));
}

/** A number as the shared view prints it: up to 6 significant digits, "—" when not available. */
export function metricText(v: number | null): string {
	if (v === null) return '—';
	if (Number.isInteger(v)) return v.toLocaleString('en-US');
	return Number(v.toPrecision(6)).toString();
}
