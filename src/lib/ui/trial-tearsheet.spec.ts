import { describe, expect, it } from 'vitest';
import type { FoldResultRecord, TrialRecord } from '../app/trial-view';
import { stitchFolds, strategyOf } from '../domain/aggregate';
import { createRng } from '../domain/random';
import { isoDate } from '../domain/series';
import { tearSheet } from '../research/portfolio/tearsheet';
import { pinnedData, tinyFoldOutput, tinySpec } from '../testing/fixtures';
import { sp500Bars } from '../testing/sp500';
import { escapeHtml } from './tearsheet-html';
import { trialTearSheetHtml } from './trial-tearsheet';

const bars = sp500Bars();
const FROM = 1_000;
const DAYS = 400;

function trial(name: string): TrialRecord {
	return {
		id: 't-sheet',
		spec: tinySpec({ name, strategy: { mode: 'long_short', sizing: 'sign', costBps: 5 } }),
		task: 'regression',
		status: 'completed',
		createdAt: 0,
		startedAt: 0,
		finishedAt: 1,
		folds: 2,
		foldsDone: 2,
		foldsFailed: 0,
		error: null,
		summary: null,
		appVersion: 'test',
		data: pinnedData(),
		foldBounds: [],
		lookahead: null
	};
}

/** Two folds of 200 real S&P 500 days each, with seeded predictions. */
function results(): FoldResultRecord[] {
	const rng = createRng(9);
	return [0, 1].map((fold) => {
		const rows = Array.from({ length: DAYS / 2 }, (_, i) => FROM + fold * (DAYS / 2) + i);
		return {
			...tinyFoldOutput({
				t: Float64Array.from(rows, (r) => bars.t[r]),
				row: Float64Array.from(rows),
				predicted: Float64Array.from(rows, () => rng.normal()),
				realised: Float64Array.from(rows, (r) => Math.log(bars.close[r + 5] / bars.close[r])),
				nextReturn: Float64Array.from(rows, (r) => bars.close[r + 1] / bars.close[r] - 1)
			}),
			trialId: 't-sheet',
			fold,
			attempt: 1,
			finishedAt: 0
		};
	});
}

describe('a trial’s tear sheet as one HTML file', () => {
	it('reports the numbers of the stitched net strategy returns, month by month and drawdown by drawdown', () => {
		const rs = results();
		const html = trialTearSheetHtml(trial('sheet'), rs, new Date('2026-12-05T10:00:00Z'));
		const stitched = stitchFolds(rs);
		const net = strategyOf(stitched, 'regression', trial('x').spec.strategy).net;
		const sheet = tearSheet(
			Array.from(stitched.t, (x) => isoDate(x)),
			net
		);
		expect(html).toContain(`<td>${sheet.summary.sharpe.toFixed(2)}</td>`);
		expect(html).toContain(`<td>${(sheet.summary.maxDrawdown * 100).toFixed(2)} %</td>`);
		for (const row of sheet.monthly) expect(html).toContain(`<th>${row.year}</th>`);
		expect(html).toContain(`${(sheet.drawdownPeriods[0].depth * 100).toFixed(2)} %`);
		expect(html).toContain(`(${DAYS} days)`);
		expect(html.match(/<svg /g)).toHaveLength(5);
		expect(html).toContain('Buy and hold');
		expect(html).toContain('2026-12-05T10:00:00.000Z');
	});

	it('needs nothing from a network: no script, no link, no external address', () => {
		const html = trialTearSheetHtml(trial('sheet'), results());
		expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
		expect(html).not.toMatch(/\b(src|href)=/i);
		expect(html).not.toMatch(/https?:\/\//i);
	});

	it('escapes every text it did not write itself', () => {
		const evil = '<img src=x onerror="alert(1)"> & co';
		const html = trialTearSheetHtml(trial(evil), results());
		expect(html).not.toContain('<img');
		expect(html).toContain(escapeHtml(evil));
	});

	it('refuses a trial with fewer than two out-of-sample days', () => {
		expect(() =>
			trialTearSheetHtml(
				trial('x'),
				results()
					.map((r) => ({
						...r,
						t: r.t.slice(0, 1),
						row: r.row.slice(0, 1),
						predicted: r.predicted.slice(0, 1),
						realised: r.realised.slice(0, 1),
						nextReturn: r.nextReturn.slice(0, 1)
					}))
					.slice(0, 1)
			)
		).toThrow(/fewer than two out-of-sample days/);
	});
});
