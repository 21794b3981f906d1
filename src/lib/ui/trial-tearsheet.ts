/**
 * A trial's tear sheet (issue 12): its stitched out-of-sample net strategy returns — the same series as the trial
 * page's equity curve — and buy-and-hold of the same days as the benchmark, as one self-contained HTML file
 * (ui/tearsheet-html.ts). Each return is dated by the bar whose position earned it (held to the next close).
 */
import { getEntry } from '../catalog/catalog';
import type { FoldResultRecord, TrialRecord } from '../app/trial-view';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { describeFeatures } from '../domain/feature-spec';
import { equityCurve } from '../domain/metrics';
import { isoDate } from '../domain/series';
import { tearSheet } from '../research/portfolio/tearsheet';
import { tearSheetHtml } from './tearsheet-html';

export function trialProtocol(t: TrialRecord): string {
	const v = t.spec.validation;
	return `${v.mode} walk-forward, train ${v.trainLength}, test ${v.testLength}, step ${v.step}, embargo ${v.embargo} rows; ${t.spec.strategy.mode.replace('_', '/')} positions, costs ${t.spec.strategy.costBps} bps; target ${t.spec.target.kind.replace('_', ' ')} over ${t.spec.target.horizon} days; ${describeFeatures(t.spec.features)}`;
}

/** The HTML file; throws a RangeError when the trial has fewer than two out-of-sample days. */
export function trialTearSheetHtml(
	t: TrialRecord,
	results: readonly FoldResultRecord[],
	now: Date = new Date()
): string {
	const stitched = stitchFolds(results);
	if (stitched.t.length < 2)
		throw new RangeError('the trial has fewer than two out-of-sample days: no tear sheet');
	const net = strategyOf(stitched, t.task, t.spec.strategy).net;
	const dates = Array.from(stitched.t, (x) => isoDate(x));
	const model = getEntry(t.spec.model.id)?.name ?? t.spec.model.id;
	return tearSheetHtml({
		title: `${t.spec.name || model} — tear sheet`,
		subtitle: `Out-of-sample net returns of trial ${t.id} (${model}, ${t.spec.model.id}) on ${t.spec.datasetId}, ${results.length} folds stitched.`,
		protocol: trialProtocol(t),
		sheet: tearSheet(dates, net),
		benchmark: { label: 'Buy and hold', cumulative: equityCurve(stitched.nextReturn).map((e) => e - 1) },
		generatedAt: now.toISOString()
	});
}
