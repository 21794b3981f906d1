/**
 * The feedback report as compact text for Claude's system prompt and for export: one fact a line, so a budget
 * can drop whole lines from the end (least important last) and say how many it dropped.
 */
import type { FeedbackReport, ModelFeedback, MetricStats } from './feedback';
import { fixed, idText, paramsText, plural, quoteData } from './prompt-text';

/** Params shown with a best trial; the full spec is one tool call away. */
const BEST_PARAMS_MAX_CHARS = 200;
/** Parameter sets shown with their EMA scores (the best ones). */
const EMA_SETS_SHOWN = 3;
const EMA_PARAMS_MAX_CHARS = 80;

/** The original's §3.9 figures for one model (feedback-replay.ts), each with what it does and does not measure. */
function learningLines(m: ModelFeedback): string[] {
	const l = m.learning;
	const t = l.recentTrend;
	const trend =
		t.n === 0
			? 'stable (fewer than 5 of its trials among the last 20 finished, so not measured)'
			: `${t.direction} (${t.secondHalf.successes}/${t.secondHalf.n} of its later trials completed vs ${t.firstHalf.successes}/${t.firstHalf.n} earlier, among the last 20 finished)`;
	const time =
		l.timedExecutions > 0
			? `${fixed(l.avgExecutionMs / 1000, 1)} s over ${plural(l.timedExecutions, 'trial')}`
			: 'n/a';
	const lines = [`  original rules: success-share trend ${trend}; mean run time ${time}`];
	const sets = l.parameterPerformance
		.slice(0, EMA_SETS_SHOWN)
		.map(
			(s) => `${paramsText(s.params, EMA_PARAMS_MAX_CHARS)} ${fixed(s.ema, 2)} (${plural(s.runs, 'run')})`
		);
	if (sets.length > 0)
		lines.push(
			`  original EMA scores (0.8·old + 0.2·outcome from 0, so repetition counts as much as success): ${sets.join('; ')}`
		);
	if (l.bestParameters)
		lines.push(
			`  original best parameters (latest completed trial faster than 1.2× the mean run time; not chosen by any score): trial ${idText(l.bestParametersTrialId ?? '')} ${paramsText(l.bestParameters, BEST_PARAMS_MAX_CHARS)}`
		);
	const params = l.params
		.filter((p) => p.optimal !== undefined)
		.map(
			(p) =>
				`${quoteData(p.param, 40)} best-Sharpe value ${typeof p.optimal === 'string' ? quoteData(p.optimal, 40) : (JSON.stringify(p.optimal) ?? 'null')}` +
				(p.sensitivity === null ? '' : `, std/mean ${fixed(p.sensitivity, 2)}`)
		);
	if (params.length > 0)
		lines.push(
			`  original per parameter (Sharpe; failed or n/a counted as 0 in ${plural(l.performanceDefaulted, 'trial')}; std/mean is the spread of all its results, not this parameter's effect): ${params.join('; ')}`
		);
	return lines;
}

/** The marker that replaces lines dropped to fit a budget. */
export function moreMarker(dropped: number): string {
	return `(+${dropped} more)`;
}

function statsText(label: string, s: MetricStats, digits: number): string {
	const missing = s.unavailable > 0 ? `, ${s.unavailable} n/a` : '';
	if (s.n === 0 && s.unavailable === 0) return `${label} n/a (no completed trials)`;
	if (s.n === 0) return `${label} n/a (not computable in ${plural(s.unavailable, 'completed trial')})`;
	return `${label} mean ${fixed(s.mean, digits)}, median ${fixed(s.median, digits)} (n ${s.n}${missing})`;
}

function modelLines(m: ModelFeedback): string[] {
	const lines = [
		`- ${idText(m.modelId)}: ${plural(m.trials, 'trial')} (${m.successes} ok, ${m.failures} failed; success score ${fixed(m.successRate, 2)}). ` +
			`${statsText('Sharpe', m.sharpe, 2)}; ${statsText('IC', m.ic, 3)}; ${statsText('hit rate', m.hitRate, 3)}.`
	];
	const b = m.best;
	if (b) {
		const name = b.name ? ` ${quoteData(b.name, 60)}` : '';
		lines.push(
			`  best: trial ${idText(b.trialId)}${name} on ${idText(b.datasetId)}: Sharpe ${fixed(b.sharpe, 2)} ` +
				`(buy-and-hold ${fixed(b.buyHoldSharpe, 2)}), IC ${fixed(b.ic, 3)}, hit rate ${fixed(b.hitRate, 3)}, ` +
				`params ${paramsText(b.params, BEST_PARAMS_MAX_CHARS)}`
		);
	}
	const t = m.trend;
	if (t) {
		lines.push(
			`  trend: ${t.direction}: mean Sharpe ${fixed(t.firstHalfMean, 2)} then ${fixed(t.secondHalfMean, 2)} ` +
				`over its last ${plural(t.n, 'completed trial')} (a direction needs a change above ${fixed(t.threshold, 2)})`
		);
	}
	for (const s of m.sensitivity) {
		lines.push(
			`  sensitivity: ${quoteData(s.param, 40)} vs Sharpe: Spearman ${fixed(s.spearman, 2)} over ${plural(s.n, 'trial')} ` +
				`(${s.distinctValues} values, best at ${s.bestValue})` +
				(s.confounded ? '; other settings varied too, so this is not its effect alone' : '')
		);
	}
	lines.push(...learningLines(m));
	return lines;
}

/** The report as lines, most important first: totals, insights, then each model's figures. */
export function feedbackLines(report: FeedbackReport): string[] {
	const skipped =
		report.skipped > 0
			? ` ${plural(report.skipped, 'queued, running or cancelled trial')} ${report.skipped === 1 ? 'is' : 'are'} not counted.`
			: '';
	if (report.considered === 0) {
		return [`No completed or failed trials yet, so there is no feedback to learn from.${skipped}`];
	}
	const completed = report.models.reduce((sum, m) => sum + m.successes, 0);
	const lines = [
		`From ${plural(report.considered, 'finished trial')} (${completed} completed, ${report.considered - completed} failed).${skipped}`
	];
	if (report.insights.length > 0) {
		lines.push('Insights:');
		for (const i of report.insights) lines.push(`- ${i.kind}: ${i.message}`);
	}
	lines.push('Per model (out-of-sample figures over completed trials; n/a = not computable):');
	for (const m of report.models) lines.push(...modelLines(m));
	return lines;
}

/**
 * Whole lines that fit in maxChars, then a "(+N more)" marker for the rest. The result never exceeds
 * maxChars; if not even the marker fits it is empty.
 */
export function fitLines(lines: readonly string[], maxChars: number): string {
	const whole = lines.join('\n');
	if (whole.length <= maxChars) return whole;
	let length = -1;
	let kept = 0;
	for (const line of lines) {
		const rest = lines.length - kept - 1;
		const marker = rest > 0 ? moreMarker(rest).length + 1 : 0;
		if (length + 1 + line.length + marker > maxChars) break;
		length += 1 + line.length;
		kept++;
	}
	const marker = moreMarker(lines.length - kept);
	if (kept === 0) return marker.length <= maxChars ? marker : '';
	return `${lines.slice(0, kept).join('\n')}\n${marker}`;
}

/** The feedback report as text of at most maxChars characters. */
export function formatFeedback(report: FeedbackReport, maxChars: number): string {
	return fitLines(feedbackLines(report), maxChars);
}
