/**
 * The overriding goal (original-system §3.11, §2.4 #1): validation through the compliance text policy, advice
 * that does not block, and the block Claude sees. Reading the components is in goal-components.ts and reading
 * symbols in goal-symbols.ts; both are re-exported here so callers import the goal from one module.
 * Pure: no I/O.
 */
import { checkText, type TextPolicyCode } from '../compliance/text-policy';
import { describeHidden, stripHidden, type HiddenReport } from '../domain/text';
import {
	extractGoalComponents,
	FRACTION_METRICS,
	type GoalComponents,
	type GoalMetric,
	type Horizon,
	type Threshold
} from './goal-components';

export {
	extractGoalComponents,
	type GoalComponents,
	type GoalMetric,
	type Horizon,
	type HorizonUnit,
	type StrategyId,
	type Threshold,
	type ThresholdOp
} from './goal-components';
export { extractSymbols, FRED_SERIES_IDS } from './goal-symbols';

// ── Validation ─────────────────────────────────────────────────────────────────────────────────────────────

/** Below this a goal cannot name what to predict, over which horizon and how success is measured. */
export const GOAL_MIN_CHARS = 10;
/** The original's limit; a longer text is a plan that belongs in sub-goals (original-system §2.4 #1). */
export const GOAL_MAX_CHARS = 1000;

export type GoalCode = TextPolicyCode | 'too_short';
export interface GoalValidation {
	readonly valid: boolean;
	readonly code: GoalCode;
	readonly reason: string;
	/** advice that does not block the goal; empty when the goal is invalid */
	readonly warnings: string[];
	readonly components: GoalComponents;
}

export const GOAL_WARNINGS = {
	noHorizon:
		'Consider specifying a timeframe, such as "7-12 days", so trials use a matching forecast horizon.',
	noTarget:
		'Consider a measurable target, such as "hit rate above 55%" or "max drawdown under 15%", so each result can be checked against the goal.'
} as const;

const METRIC_LABELS: Readonly<Record<GoalMetric, string>> = {
	hit_rate: 'hit rate',
	sharpe: 'Sharpe',
	max_drawdown: 'max drawdown',
	return: 'return',
	accuracy: 'accuracy',
	ic: 'IC',
	sortino: 'Sortino',
	calmar: 'Calmar'
};
const percent = (fraction: number): string => `${Number((fraction * 100).toPrecision(10))}%`;

/** Decides whether a text may become the overriding goal; compliance comes from the shared text policy. */
export function validateGoal(raw: string): GoalValidation {
	// Judged (and stored, see app/goals.ts) without its hidden characters; the warning says what they were.
	const { text, removed: hidden } = stripHidden(raw);
	const components = extractGoalComponents(text);
	const refuse = (code: GoalCode, reason: string): GoalValidation => ({
		valid: false,
		code,
		reason,
		warnings: [],
		components
	});
	const policy = checkText(text);
	if (!policy.allowed) return refuse(policy.code, policy.reason);
	const length = text.trim().length;
	if (length > GOAL_MAX_CHARS)
		return refuse(
			'too_long',
			`Keep the goal under ${GOAL_MAX_CHARS} characters; split a longer plan into sub-goals.`
		);
	if (length < GOAL_MIN_CHARS)
		return refuse(
			'too_short',
			`Write the goal as a sentence of at least ${GOAL_MIN_CHARS} characters: what to predict or trade, over which horizon, and how success is measured.`
		);
	const warnings: string[] = [];
	if (hidden.total > 0) warnings.push(hiddenWarning(hidden));
	if (components.horizons.length === 0) warnings.push(GOAL_WARNINGS.noHorizon);
	if (components.thresholds.length === 0) warnings.push(GOAL_WARNINGS.noTarget);
	for (const t of components.thresholds) {
		if (t.metric !== 'return' && FRACTION_METRICS.has(t.metric) && t.value > 1)
			warnings.push(`A ${METRIC_LABELS[t.metric]} of ${percent(t.value)} is impossible; check the number.`);
	}
	return { valid: true, code: 'ok', reason: policy.reason, warnings, components };
}

/** What the goal loses when it is stored: hidden characters could carry an instruction nobody sees. */
export function hiddenWarning(hidden: HiddenReport): string {
	return `Removed ${describeHidden(hidden)}: text nobody can see must not reach the goal, which mlTrainer reads in every prompt.`;
}

// ── Prompt ─────────────────────────────────────────────────────────────────────────────────────────────────

function formatHorizon(h: Horizon): string {
	const unit = h.max === 1 ? h.unit.slice(0, -1) : h.unit;
	return h.min === h.max ? `${h.max} ${unit}` : `${h.min}-${h.max} ${unit}`;
}

function formatThreshold(t: Threshold): string {
	return `${METRIC_LABELS[t.metric]} ${t.op} ${FRACTION_METRICS.has(t.metric) ? percent(t.value) : t.value}`;
}

/**
 * The block Claude sees under the prompt's goal header (ai/prompt-sections.ts), which already says the goal
 * overrides everything else: the goal on one line (its line breaks folded, so it cannot start a line that poses as
 * a section of ours), then one line per kind of component it names.
 */
export function formatGoalForPrompt(goal: {
	readonly text: string;
	readonly components: GoalComponents;
}): string {
	const c = goal.components;
	// Stripped here too, so a goal stored before hidden characters were refused cannot smuggle one into a prompt.
	const text = stripHidden(goal.text).text;
	const lines = [`OVERRIDING GOAL: ${text.replace(/\s+/g, ' ').trim()}`];
	if (c.horizons.length > 0) lines.push(`Horizons: ${c.horizons.map(formatHorizon).join('; ')}`);
	if (c.thresholds.length > 0) lines.push(`Targets: ${c.thresholds.map(formatThreshold).join('; ')}`);
	if (c.symbols.length > 0) lines.push(`Symbols: ${c.symbols.join(', ')}`);
	if (c.strategies.length > 0)
		lines.push(`Strategies: ${c.strategies.map((s) => s.replace(/_/g, ' ')).join(', ')}`);
	return lines.join('\n');
}
