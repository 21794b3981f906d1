/**
 * The leaderboard: per model and per dataset, the best completed trials by one metric, each with the protocol
 * that produced its score (walk-forward settings, embargo, costs) and the number of trials behind its cell.
 * A best score of many tries is worth less than the same score of one (the Deflated Sharpe Ratio makes that
 * exact), so the count stands beside every score. Pure: a function of the stored trial records.
 */
import type { TrialRecord } from '../db/records';
import type { FeedbackSummary, FeedbackTrial } from './feedback-trial';
import { fixed, idText, plural } from './prompt-text';

export type MetricDirection = 'max' | 'min';

interface MetricDef {
	readonly label: string;
	readonly direction: MetricDirection;
	/** The metric from a trial's out-of-sample summary; NaN when its block is absent or not computable. */
	readonly read: (s: FeedbackSummary) => number;
}

/** Every metric a leaderboard can rank by, with the direction that is better. */
export const LEADERBOARD_METRICS = {
	sharpe: { label: 'Sharpe after costs', direction: 'max', read: (s) => s.strategy.sharpe },
	sortino: { label: 'Sortino after costs', direction: 'max', read: (s) => s.strategy.sortino },
	calmar: { label: 'Calmar after costs', direction: 'max', read: (s) => s.strategy.calmar },
	annualReturn: {
		label: 'annual return after costs',
		direction: 'max',
		read: (s) => s.strategy.annualReturn
	},
	// Drawdowns are stored as negative fractions: the one closest to 0 is best.
	maxDrawdown: { label: 'max drawdown', direction: 'max', read: (s) => s.strategy.maxDrawdown },
	ic: { label: 'IC', direction: 'max', read: (s) => s.direction.ic },
	hitRate: { label: 'hit rate', direction: 'max', read: (s) => s.direction.hitRate },
	rmse: { label: 'RMSE', direction: 'min', read: (s) => s.regression?.rmse ?? Number.NaN },
	mae: { label: 'MAE', direction: 'min', read: (s) => s.regression?.mae ?? Number.NaN },
	r2: { label: 'R²', direction: 'max', read: (s) => s.regression?.r2 ?? Number.NaN },
	accuracy: { label: 'accuracy', direction: 'max', read: (s) => s.classification?.accuracy ?? Number.NaN },
	rocAuc: { label: 'ROC AUC', direction: 'max', read: (s) => s.classification?.rocAuc ?? Number.NaN },
	logLoss: { label: 'log loss', direction: 'min', read: (s) => s.classification?.logLoss ?? Number.NaN },
	brier: { label: 'Brier score', direction: 'min', read: (s) => s.classification?.brier ?? Number.NaN },
	mase: { label: 'MASE', direction: 'min', read: (s) => s.forecast?.mase ?? Number.NaN },
	qlike: { label: 'QLIKE', direction: 'min', read: (s) => s.volatility?.qlike ?? Number.NaN }
} as const satisfies Record<string, MetricDef>;

export type LeaderboardMetric = keyof typeof LEADERBOARD_METRICS;

export interface LeaderboardOptions {
	readonly metric?: LeaderboardMetric;
	/** 'series': versions of one series share a cell (default); 'dataset': each dataset version has its own. */
	readonly by?: 'series' | 'dataset';
	/** Best trials listed per cell (default 3). */
	readonly perCell?: number;
}

/** How a score was produced: what a reader needs to compare two scores. */
export interface Protocol {
	readonly validation: TrialRecord['spec']['validation'];
	readonly costBps: number;
	readonly strategyMode: TrialRecord['spec']['strategy']['mode'];
	readonly target: TrialRecord['spec']['target'];
	/** The dataset version the trial was pinned to (null for a trial from before versions). */
	readonly datasetVersion: number | null;
	/** Out-of-sample rows and their first and last bar time. */
	readonly rows: number;
	readonly firstT: number;
	readonly lastT: number;
}

export interface LeaderboardEntry {
	readonly trialId: string;
	readonly name: string;
	readonly value: number;
	readonly params: Readonly<Record<string, unknown>>;
	readonly protocol: Protocol;
}

export interface LeaderboardCell {
	readonly modelId: string;
	/** The series key or the dataset (version) id, as chosen by `by`. */
	readonly dataset: string;
	/** Every stored trial of this model on this dataset, whatever its status: the size of the search. */
	readonly trials: number;
	readonly completed: number;
	readonly failed: number;
	/** Completed trials whose metric is computable (the ones ranked). */
	readonly scored: number;
	/** Best first; at most perCell. */
	readonly best: readonly LeaderboardEntry[];
}

export interface Leaderboard {
	readonly metric: LeaderboardMetric;
	readonly label: string;
	readonly direction: MetricDirection;
	/** Cells with at least one scored trial, best first (ties by model id, then dataset). */
	readonly cells: readonly LeaderboardCell[];
	/** Cells tried but with no scored trial yet (none completed, or the metric is not computable). */
	readonly unscored: readonly LeaderboardCell[];
}

function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

interface Scored {
	readonly trial: FeedbackTrial;
	readonly value: number;
}

type Order = (av: number, at: FeedbackTrial, bv: number, bt: FeedbackTrial) => number;

/**
 * Better first; equal scores go to the trial created first (found with less search behind it), then by id,
 * so the order never depends on the order of the input.
 */
function rank(direction: MetricDirection): Order {
	const sign = direction === 'max' ? -1 : 1;
	return (av, at, bv, bt) => sign * (av - bv) || at.createdAt - bt.createdAt || compareText(at.id, bt.id);
}

function entry({ trial, value }: Scored): LeaderboardEntry {
	const s = trial.summary as FeedbackSummary;
	return {
		trialId: trial.id,
		name: trial.spec.name,
		value,
		params: trial.spec.model.params,
		protocol: {
			validation: trial.spec.validation,
			costBps: trial.spec.strategy.costBps,
			strategyMode: trial.spec.strategy.mode,
			target: trial.spec.target,
			datasetVersion: trial.data?.version ?? null,
			rows: s.rows,
			firstT: s.firstT,
			lastT: s.lastT
		}
	};
}

/** A model × dataset cell's trials, grouped once for every metric. */
interface CellGroup {
	readonly modelId: string;
	readonly dataset: string;
	trials: number;
	failed: number;
	readonly completed: FeedbackTrial[];
}

function groupCells(trials: readonly FeedbackTrial[], by: 'series' | 'dataset'): CellGroup[] {
	const cells = new Map<string, CellGroup>();
	for (const t of trials) {
		const dataset = by === 'series' ? (t.data?.seriesKey ?? t.spec.datasetId) : t.spec.datasetId;
		const key = `${t.spec.model.id}\u0000${dataset}`;
		let cell = cells.get(key);
		if (!cell) {
			cell = { modelId: t.spec.model.id, dataset, trials: 0, failed: 0, completed: [] };
			cells.set(key, cell);
		}
		cell.trials++;
		if (t.status === 'failed') cell.failed++;
		if (t.status === 'completed') cell.completed.push(t);
	}
	return [...cells.values()];
}

function checkOptions(metric: string, perCell: number): MetricDef {
	const def: MetricDef | undefined = (LEADERBOARD_METRICS as Record<string, MetricDef>)[metric];
	if (!def) throw new RangeError(`metric must be one of ${Object.keys(LEADERBOARD_METRICS).join(', ')}`);
	if (!Number.isInteger(perCell) || perCell < 1)
		throw new RangeError(`perCell must be a whole number of at least 1, got ${perCell}`);
	return def;
}

function boardOf(groups: readonly CellGroup[], metric: LeaderboardMetric, perCell: number): Leaderboard {
	const def: MetricDef = LEADERBOARD_METRICS[metric];
	const order = rank(def.direction);
	const scoredCells: LeaderboardCell[] = [];
	const unscored: LeaderboardCell[] = [];
	for (const c of groups) {
		const best: Scored[] = [];
		let scored = 0;
		for (const t of c.completed) {
			const value = t.summary ? def.read(t.summary) : Number.NaN;
			if (!Number.isFinite(value)) continue;
			scored++;
			offer(best, perCell, t, value, order);
		}
		const cell: LeaderboardCell = {
			modelId: c.modelId,
			dataset: c.dataset,
			trials: c.trials,
			completed: c.completed.length,
			failed: c.failed,
			scored,
			best: best.map(entry)
		};
		(best.length > 0 ? scoredCells : unscored).push(cell);
	}
	const sign = def.direction === 'max' ? -1 : 1;
	const byCell = (a: LeaderboardCell, b: LeaderboardCell) =>
		compareText(a.modelId, b.modelId) || compareText(a.dataset, b.dataset);
	scoredCells.sort((a, b) => sign * (a.best[0].value - b.best[0].value) || byCell(a, b));
	unscored.sort(byCell);
	return { metric, label: def.label, direction: def.direction, cells: scoredCells, unscored };
}

/** The leaderboard of `trials` by one metric. Throws a RangeError for an unknown metric or a bad perCell. */
export function leaderboard(trials: readonly FeedbackTrial[], options: LeaderboardOptions = {}): Leaderboard {
	const { metric = 'sharpe', by = 'series', perCell = 3 } = options;
	checkOptions(metric, perCell);
	return boardOf(groupCells(trials, by), metric, perCell);
}

/**
 * The leaderboard by each of `metrics`, the same as leaderboard() by each, with the trials grouped into cells
 * once (the grouping, not the ranking, is most of the work over 10,000 trials).
 */
export function leaderboards<M extends LeaderboardMetric>(
	trials: readonly FeedbackTrial[],
	metrics: readonly M[],
	options: Omit<LeaderboardOptions, 'metric'> = {}
): Record<M, Leaderboard> {
	const { by = 'series', perCell = 3 } = options;
	for (const m of metrics) checkOptions(m, perCell);
	const groups = groupCells(trials, by);
	return Object.fromEntries(metrics.map((m) => [m, boardOf(groups, m, perCell)])) as Record<M, Leaderboard>;
}

/**
 * Adds a scored trial to `top` (the k best so far, best first) if it is among them, without sorting or even
 * keeping the others (a cell may hold thousands of trials, and every metric ranks them).
 */
function offer(top: Scored[], k: number, trial: FeedbackTrial, value: number, order: Order): void {
	if (top.length === k && order(value, trial, top[k - 1].value, top[k - 1].trial) >= 0) return;
	let i = Math.min(top.length, k - 1);
	if (top.length < k) top.push({ trial, value });
	else top[i] = { trial, value };
	while (i > 0 && order(top[i].value, top[i].trial, top[i - 1].value, top[i - 1].trial) < 0) {
		[top[i], top[i - 1]] = [top[i - 1], top[i]];
		i--;
	}
}

/** A protocol in one line: "rolling walk-forward, train 500, test 20, step 20, embargo 5 rows; costs 5 bps". */
export function protocolText(p: Protocol): string {
	const v = p.validation;
	return (
		`${v.mode} walk-forward, train ${v.trainLength}, test ${v.testLength}, step ${v.step}, embargo ${v.embargo} rows; ` +
		`costs ${p.costBps} bps; ${p.strategyMode}; target ${p.target.kind} h=${p.target.horizon}`
	);
}

/** The leaderboard as text lines (best cells first), each cell's best score with its trial count and protocol. */
export function leaderboardLines(board: Leaderboard): string[] {
	if (board.cells.length === 0)
		return [
			`No completed trial has a computable ${board.label} yet (${plural(board.unscored.length, 'cell')} tried).`
		];
	const digits = board.metric === 'ic' || board.metric === 'hitRate' ? 3 : 2;
	return board.cells.map((c) => {
		const b = c.best[0];
		return (
			`- ${idText(c.modelId)} on ${idText(c.dataset)}: best ${board.label} ${fixed(b.value, digits)} ` +
			`(trial ${idText(b.trialId)}), best of ${plural(c.trials, 'trial')} (${c.scored} scored, ${c.failed} failed); ` +
			protocolText(b.protocol)
		);
	});
}
