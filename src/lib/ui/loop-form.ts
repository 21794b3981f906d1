/**
 * The chat's "Start an autonomous loop" form: its defaults (the objective read from the goal's first threshold),
 * the spec it submits and its problems by field. Pure, so the page stays thin.
 */
import type { GoalMetric } from '../research/goal-components';
import { extractGoalComponents } from '../research/goal-components';
import { LOOP_LIMITS, loopSpecSchema, type LoopSpecInput } from '../research/loop/spec';
import type { ObjectiveMetric } from '../research/study/objective';

export interface LoopForm {
	goal: string;
	metric: ObjectiveMetric;
	trials: number;
	tokens: number;
	computeMinutes: number;
	wallMinutes: number;
	plateau: number;
}

/** The study objective that measures a goal's metric. */
export const OBJECTIVE_OF_GOAL: Readonly<Record<GoalMetric, ObjectiveMetric>> = {
	sharpe: 'sharpe',
	sortino: 'sortino',
	calmar: 'calmar',
	return: 'annual_return',
	max_drawdown: 'max_drawdown',
	hit_rate: 'hit_rate',
	accuracy: 'hit_rate',
	ic: 'ic'
};

export function loopFormFor(goal: string): LoopForm {
	const first = extractGoalComponents(goal).thresholds[0];
	return {
		goal,
		metric: first ? OBJECTIVE_OF_GOAL[first.metric] : 'sharpe',
		trials: LOOP_LIMITS.trials.default,
		tokens: LOOP_LIMITS.tokens.default,
		computeMinutes: LOOP_LIMITS.computeMinutes.default,
		wallMinutes: LOOP_LIMITS.wallMinutes.default,
		plateau: LOOP_LIMITS.plateau.default
	};
}

export function loopSpecFrom(form: LoopForm): LoopSpecInput {
	return {
		goal: form.goal,
		objective: { metric: form.metric },
		budgets: {
			trials: form.trials,
			tokens: form.tokens,
			computeMinutes: form.computeMinutes,
			wallMinutes: form.wallMinutes
		},
		plateau: form.plateau
	};
}

/** Each field's first problem, keyed by the form's field name; empty when the form is valid. */
export function loopFormProblems(form: LoopForm): Partial<Record<keyof LoopForm, string>> {
	const parsed = loopSpecSchema.safeParse(loopSpecFrom(form));
	if (parsed.success) return {};
	const out: Partial<Record<keyof LoopForm, string>> = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path.at(-1);
		const field = (key === 'metric' ? 'metric' : key) as keyof LoopForm;
		out[field] ??= issue.message;
	}
	return out;
}

/** The thresholds the app will check, in words, so the user sees what "goal met" will mean before starting. */
export function thresholdsText(goal: string): string {
	const t = extractGoalComponents(goal).thresholds;
	if (t.length === 0)
		return 'No measurable threshold in this goal: the loop will stop only at a budget, on a plateau or when you stop it.';
	return `Goal met when one trial has ${t.map((x) => `${x.metric.replace('_', ' ')} ${x.op} ${x.value}`).join(' and ')}, with a Deflated Sharpe Ratio of at least 0.95.`;
}
