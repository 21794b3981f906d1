/**
 * The feedback report as compact text for Claude's system prompt and for export: one fact a line, so a budget
 * can drop whole lines from the end (least important last) and say how many it dropped.
 */
import type { FeedbackReport, ModelFeedback, MetricStats } from './feedback';
import { fixed, idText, paramsText, plural, quoteData } from './prompt-text';

/** Params shown with a best trial; the full spec is one tool call away. */
const BEST_PARAMS_MAX_CHARS = 200;

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
