/**
 * The components of a goal read out of its text (original-system §3.11): forecast horizons, metric thresholds,
 * symbols and strategies. Each is read on its own; the original looked for the second "N-M days" range, the
 * confidence level and the stop loss only when an earlier keyword had matched.
 * Pure: no I/O.
 */
import { extractSymbols } from './goal-symbols';

export type HorizonUnit = 'days' | 'weeks' | 'months';
export interface Horizon {
	readonly min: number;
	readonly max: number;
	readonly unit: HorizonUnit;
}
export type GoalMetric =
	'hit_rate' | 'sharpe' | 'max_drawdown' | 'return' | 'accuracy' | 'ic' | 'sortino' | 'calmar';
export type ThresholdOp = '>=' | '<=' | '>' | '<';
/** `value` is a fraction for percentages (55% → 0.55) and a drawdown is a positive magnitude (-20% → 0.2). */
export interface Threshold {
	readonly metric: GoalMetric;
	readonly op: ThresholdOp;
	readonly value: number;
}
export type StrategyId =
	| 'momentum'
	| 'mean_reversion'
	| 'trend_following'
	| 'breakout'
	| 'pairs_trading'
	| 'carry'
	| 'volatility_targeting'
	| 'stop_loss';
export interface GoalComponents {
	readonly horizons: Horizon[];
	readonly thresholds: Threshold[];
	readonly symbols: string[];
	readonly strategies: StrategyId[];
}

// ── Text folding shared by the horizon, threshold and strategy readers ─────────────────────────────────────

function fold(text: string): string {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\u2010-\u2015\u2212]/g, '-')
		.replace(/≥|=>/g, '>=')
		.replace(/≤|=</g, '<=')
		.replace(/\s*(?:percent|per cent|pct)\b/g, '%')
		.replace(/\s+/g, ' ');
}

/** Blanks a span without moving later indices, so a horizon's numbers are not read again as thresholds. */
const blank = (s: string, from: number, to: number): string =>
	s.slice(0, from) + ' '.repeat(to - from) + s.slice(to);

// ── Horizons ───────────────────────────────────────────────────────────────────────────────────────────────

const NUMBER_WORDS: Readonly<Record<string, number>> = {
	...Object.fromEntries(
		'one two three four five six seven eight nine ten eleven twelve'.split(' ').map((w, i) => [w, i + 1])
	),
	fifteen: 15,
	twenty: 20,
	thirty: 30,
	sixty: 60,
	ninety: 90
};
const N = `(\\d{1,4}|(?:${Object.keys(NUMBER_WORDS).join('|')})(?![a-z]))`;
const UNIT = '(?:[ -]?trading)?[ -]?(days?|d|weeks?|wks?|w|months?|mos?)(?![a-z0-9])';
// The unit of the first number, if written ("from 7 days to 12 days"), is the second's; it is not captured.
const FIRST_UNIT = '(?:(?:[ -]?trading)?[ -]?(?:days?|d|weeks?|wks?|w|months?|mos?)(?![a-z0-9]))?';
// "and" joins a range only after "between": "Sharpe above 1 and 2 weeks out" is not a 1-2 week range.
const RANGE = new RegExp(
	`(?<![\\w.])(?:between ${N}${FIRST_UNIT} ?(?:and|to|-) ?${N}|(?:from )?${N}${FIRST_UNIT} ?(?:-|to|through) ?${N})(?:${UNIT})?`,
	'g'
);
const SINGLE = new RegExp(`(?<![\\w.-])${N}${UNIT}`, 'g');
// "the past 30 days", "a 200-day moving average", "250 days of history": a look-back, not a forecast horizon.
const LOOKBACK_BEFORE =
	/(?:past|last|previous|prior|trailing|lookback|look-back|window|window of|train(?:ed|ing)? on) $/;
const LOOKBACK_AFTER =
	/^ ?(?:moving|ma\b|sma\b|ema\b|average|lookback|look-back|window|rolling|warm|of (?:data|history|bars|prices|training))/;
// Between two ranges sharing a unit: "7-12 and 50-70 days", "5-10, 20-30 days".
const LIST_GAP = /^ ?(?:,|and|or|&|, and|, or) ?$/;

function unique<T>(items: T[]): T[] {
	const seen = new Set<string>();
	return items.filter((item) => {
		const key = JSON.stringify(item);
		return !seen.has(key) && !!seen.add(key);
	});
}

const unitOf = (u: string): HorizonUnit =>
	u.startsWith('m') ? 'months' : u.startsWith('w') ? 'weeks' : 'days';
const numberOf = (s: string): number => NUMBER_WORDS[s] ?? Number(s);

function readHorizons(folded: string): { horizons: Horizon[]; rest: string } {
	let rest = folded;
	const ranges = [...folded.matchAll(RANGE)].map((m) => ({
		from: m.index,
		to: m.index + m[0].length,
		a: numberOf(m[1] ?? m[3]),
		b: numberOf(m[2] ?? m[4]),
		unit: m[5] === undefined ? undefined : unitOf(m[5])
	}));
	// A range without a unit takes the unit of the range after it when only a list separator lies between.
	for (let i = ranges.length - 2; i >= 0; i--) {
		const next = ranges[i + 1];
		if (ranges[i].unit === undefined && LIST_GAP.test(folded.slice(ranges[i].to, next.from))) {
			ranges[i].unit = next.unit;
		}
	}
	const found: { at: number; h: Horizon }[] = [];
	for (const r of ranges) {
		if (r.unit === undefined || r.a < 1 || r.b < 1) continue;
		found.push({ at: r.from, h: { min: Math.min(r.a, r.b), max: Math.max(r.a, r.b), unit: r.unit } });
		rest = blank(rest, r.from, r.to);
	}
	for (const m of rest.matchAll(SINGLE)) {
		const n = numberOf(m[1]);
		const end = m.index + m[0].length;
		if (n < 1 || LOOKBACK_BEFORE.test(rest.slice(0, m.index)) || LOOKBACK_AFTER.test(rest.slice(end)))
			continue;
		found.push({ at: m.index, h: { min: n, max: n, unit: unitOf(m[2]) } });
		rest = blank(rest, m.index, end);
	}
	found.sort((x, y) => x.at - y.at);
	return { horizons: unique(found.map((f) => f.h)), rest };
}

// ── Thresholds ─────────────────────────────────────────────────────────────────────────────────────────────

// Longer names first: "directional accuracy" is a hit rate, "max drawdown" is one metric, not "drawdown".
const METRICS: readonly (readonly [GoalMetric, string])[] = [
	['hit_rate', 'hit rates?|hit ratios?|win rates?|win ratios?|directional accuracy'],
	['max_drawdown', 'max(?:imum)? draw ?downs?|max dd|mdd|draw ?downs?'],
	['sharpe', 'sharpe(?: ratios?)?'],
	['sortino', 'sortino(?: ratios?)?'],
	['calmar', 'calmar(?: ratios?)?'],
	['ic', 'information coefficients?|rank ic|ic'],
	['accuracy', 'accuracy'],
	['return', 'returns?']
];
const METRIC_SOURCE = METRICS.map(([, p]) => `(?<![a-z])(${p})(?![a-z])`).join('|');
const METRIC = new RegExp(METRIC_SOURCE, 'g');
const METRIC_AT = new RegExp(METRIC_SOURCE, 'y');
const metricOf = (m: RegExpExecArray | RegExpMatchArray): GoalMetric =>
	METRICS[m.slice(1).findIndex(Boolean)][0];

// Negated and multi-word phrases first, so "no more than" is not read as "more than".
const OPS: readonly (readonly [ThresholdOp, string])[] = [
	[
		'<=',
		'at most|(?:no|not) (?:more|higher|greater) than|not (?:to )?exceed|not (?:above|over)|up to|within|capped at|limited to|max(?:imum)?(?: of)?|<='
	],
	['>=', 'at least|(?:no|not) (?:less|lower|fewer) than|not (?:below|under)|min(?:imum)?(?: of)?|>='],
	['>', 'above|over|exceed(?:s|ing)?|greater than|more than|higher than|beat(?:s|ing)?|>'],
	['<', 'below|under|less than|lower than|fewer than|smaller than|beneath|<']
];
const OP_SOURCE = OPS.map(([, p]) => `(?<![a-z])(${p})(?![a-z])`).join('|');
const OP = new RegExp(OP_SOURCE, 'g');
const OP_AT_END = new RegExp(`(?:${OP_SOURCE}) ?$`);
const opOf = (m: RegExpMatchArray): ThresholdOp => OPS[m.slice(1).findIndex(Boolean)][0];

const NUMBER = /(?<![\w.])(-?(?:\d+(?:\.\d+)?|\.\d+)) ?(%|bps|bp)?(?![\w.]*\d)/g;
const AFTER_NUMBER = /^ ?(?:(\+)|or (more|higher|greater|better|above)|or (less|lower|fewer|below))?/;
const BETWEEN_SECOND = /^ ?(?:and|to|-) ?(-?(?:\d+(?:\.\d+)?|\.\d+)) ?(%|bps|bp)?/;
// "10% annual return", "55% out-of-sample hit rate": qualifiers between a number and the metric after it.
const QUALIFIERS =
	/^ ?(?:(?:annual(?:ized|ised)?|yearly|monthly|weekly|daily|total|cumulative|average|mean|net|excess|expected|realized|realised|out-of-sample|oos|strategy) ){0,2}/;
/** Metrics whose natural unit is a fraction; a bare number above 1 there is a percentage ("hit rate above 55"). */
export const FRACTION_METRICS: ReadonlySet<GoalMetric> = new Set([
	'hit_rate',
	'accuracy',
	'max_drawdown',
	'return'
]);
// A count is not a target: "hit rate over 10 folds", "return of 10% over 5 years".
const COUNTED =
	/(?<![\w.])\d+(?:\.\d+)? ?(?:years?|yrs?|quarters?|hours?|minutes?|seconds?|folds?|trials?|trades?|bars?|samples?|stocks?|assets?|symbols?|tickers?|models?|features?|splits?|windows?|runs?|seeds?|times)\b/g;
const MAX_CONNECTOR_WORDS = 6;
const MAX_CONNECTOR_CHARS = 60;

function threshold(metric: GoalMetric, op: ThresholdOp | undefined, raw: string, unit?: string): Threshold {
	let value = Number(raw);
	if (unit === '%') value /= 100;
	else if (unit === 'bp' || unit === 'bps') value /= 10_000;
	else if (FRACTION_METRICS.has(metric) && Math.abs(value) > 1) value /= 100;
	// With no word for it, a target points the way the metric improves: drawdown down, the rest up.
	let chosen = op ?? (metric === 'max_drawdown' ? '<=' : '>=');
	// A drawdown is a loss magnitude: "max drawdown above -20%" means a loss smaller than 20%.
	if (metric === 'max_drawdown' && value < 0) {
		value = -value;
		chosen = chosen === '>' ? '<' : chosen === '>=' ? '<=' : chosen === '<' ? '>' : '>=';
	}
	return { metric, op: chosen, value: Number(value.toPrecision(12)) };
}

function opAfter(after: string, op: ThresholdOp | undefined): ThresholdOp | undefined {
	const m = AFTER_NUMBER.exec(after);
	if (m?.[1] || m?.[2]) return '>=';
	if (m?.[3]) return '<=';
	return op;
}

/** The metric a number qualifies when it stands right before it ("55% hit rate", "1.5+ Sharpe"), or null. */
function metricRightAfter(rest: string, numberEnd: number): RegExpExecArray | null {
	const after = rest.slice(numberEnd);
	const sign = AFTER_NUMBER.exec(after)?.[0].length ?? 0;
	METRIC_AT.lastIndex = numberEnd + sign + (QUALIFIERS.exec(after.slice(sign))?.[0].length ?? 0);
	return METRIC_AT.exec(rest);
}

/** Reads "metric … op number" first, then "op number metric"; a number serves one threshold only. */
function readThresholds(horizonless: string): Threshold[] {
	const rest = horizonless.replace(COUNTED, (s) => ' '.repeat(s.length));
	const found: { at: number; t: Threshold }[] = [];
	const used = new Set<number>();
	const metrics = [...rest.matchAll(METRIC)];
	metrics.forEach((m, i) => {
		const start = m.index + m[0].length;
		const stop = Math.min(metrics[i + 1]?.index ?? rest.length, start + MAX_CONNECTOR_CHARS);
		const sentenceEnd = rest.slice(start, stop).search(/[;!?\n]|\.(?!\d)/);
		const window = rest.slice(start, sentenceEnd < 0 ? stop : start + sentenceEnd);
		const num = new RegExp(NUMBER.source).exec(window);
		if (!num) return;
		const connector = window.slice(0, num.index);
		if (connector.trim().split(/\s+/).length > MAX_CONNECTOR_WORDS || /\d/.test(connector)) return;
		const ops = [...connector.matchAll(OP)];
		const at = start + num.index;
		// "Sharpe and 55% hit rate": the number belongs to the metric after it.
		if (metricRightAfter(rest, at + num[0].length)) return;
		const after = window.slice(num.index + num[0].length);
		used.add(at);
		const metric = metricOf(m);
		const second = /(?:^| )between $/.test(connector) ? BETWEEN_SECOND.exec(after) : null;
		if (second) {
			const unit = num[2] ?? second[2];
			found.push(
				{ at, t: threshold(metric, '>=', num[1], unit) },
				{ at, t: threshold(metric, '<=', second[1], unit) }
			);
			used.add(start + num.index + num[0].length + second.index);
			return;
		}
		const op = ops.length > 0 ? opOf(ops[ops.length - 1]) : undefined;
		found.push({ at, t: threshold(metric, opAfter(after, op), num[1], num[2]) });
	});
	for (const num of rest.matchAll(NUMBER)) {
		if (used.has(num.index)) continue;
		const m = metricRightAfter(rest, num.index + num[0].length);
		if (!m) continue;
		const after = rest.slice(num.index + num[0].length);
		const before = OP_AT_END.exec(rest.slice(Math.max(0, num.index - 30), num.index));
		const op = before ? opOf(before) : undefined;
		found.push({ at: num.index, t: threshold(metricOf(m), opAfter(after, op), num[1], num[2]) });
	}
	found.sort((a, b) => a.at - b.at);
	return unique(found.map((f) => f.t));
}

// ── Strategies ─────────────────────────────────────────────────────────────────────────────────────────────

// "carry" alone is a verb ("carry out a test") and "break out" a phrasal verb: both need their trading noun.
const STRATEGIES: readonly (readonly [StrategyId, RegExp])[] = [
	['momentum', /\bmomentum\b/],
	['mean_reversion', /\bmean[ -]?(?:revert(?:s|ing)?|reversion)\b/],
	['trend_following', /\btrend[ -]?follow(?:ing|ers?)?\b/],
	['breakout', /\bbreak-?outs?\b/],
	['pairs_trading', /\bpairs?[ -]trad(?:e|es|ing)\b/],
	['carry', /\b(?:carry[ -](?:trades?|strateg(?:y|ies)|signals?|factors?)|(?:fx|currency) carry)\b/],
	[
		'volatility_targeting',
		/\b(?:vol(?:atility)?[ -]target(?:s|ing|ed)?|target(?:ing|ed)? vol(?:atility)?)\b/
	],
	['stop_loss', /\bstop[ -]?loss(?:es)?\b|\btrailing stops?\b/]
];

function readStrategies(folded: string): StrategyId[] {
	return STRATEGIES.map(([id, rx]) => ({ id, at: folded.search(rx) }))
		.filter((s) => s.at >= 0)
		.sort((a, b) => a.at - b.at)
		.map((s) => s.id);
}

/** Every component is read independently of the others; text that names none gives empty lists. */
export function extractGoalComponents(text: string): GoalComponents {
	if (typeof text !== 'string') return { horizons: [], thresholds: [], symbols: [], strategies: [] };
	const folded = fold(text);
	const { horizons, rest } = readHorizons(folded);
	return {
		horizons,
		thresholds: readThresholds(rest),
		symbols: extractSymbols(text),
		strategies: readStrategies(folded)
	};
}
