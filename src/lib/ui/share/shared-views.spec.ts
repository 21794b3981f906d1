import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { sharedPortfolioOf } from '../../app/share-portfolio';
import { portfolioRecordSchema } from '../../db/portfolio-records';
import { openPosition } from '../../research/portfolio/ledger';
import { createPortfolio } from '../../research/portfolio/state';
import {
	curveOf,
	sharedAnalysisSchema,
	sharedStudySchema,
	type SharedStudy
} from '../../security/share-schema';
import { tinySpec } from '../../testing/fixtures';
import SharedAnalysisView from './SharedAnalysisView.svelte';
import SharedPortfolioView from './SharedPortfolioView.svelte';
import SharedStudyView from './SharedStudyView.svelte';

const DAY = 86_400_000;
const t0 = Date.UTC(2015, 0, 2);

const data = {
	name: 'S&P 500',
	symbol: '^GSPC',
	source: 'yahoo',
	origin: 'vega-datasets@3.2.1/data/sp500-2000.csv',
	contentSha256: 'a'.repeat(64),
	rows: 5105,
	firstT: Date.UTC(2000, 0, 3),
	lastT: Date.UTC(2020, 3, 17)
};

function study(patch: Partial<SharedStudy> = {}): SharedStudy {
	return sharedStudySchema.parse({
		kind: 'study',
		name: 'ridge alpha on the S&P 500',
		objective: 'maximize Sharpe ratio after costs',
		status: 'completed',
		model: 'ridge',
		sampler: 'random',
		budget: 5,
		counts: { running: 0, complete: 3, pruned: 1, failed: 1 },
		history: {
			number: [0, 1, 2, 3, 4],
			value: [0.2, 0.4, 0.1, null, null],
			bestSoFar: [0.2, 0.4, 0.4, 0.4, 0.4]
		},
		report: { 'dsr.dsr': 0.41, 'dsr.distinguishable': 0, 'dsr.trials': 5, 'pbo.pbo': 0.33 },
		notes: [],
		bestNumber: 1,
		best: {
			name: 'ridge',
			spec: tinySpec({ datasetId: 'sp500', model: { id: 'ridge', params: { alpha: 10 } } }),
			data,
			inputs: [],
			metrics: { 'strategy.sharpe': 0.4, rows: 250 },
			curve: curveOf([t0, t0 + DAY, t0 + 4 * DAY], [1, 1.01, 0.995], [0, 1, 2])
		},
		appVersion: 'test',
		...patch
	});
}

describe('the shared views (server-rendered)', () => {
	it('a study: its trials by state, the DSR with the luck label, the history and the best trial to reproduce', () => {
		const { body } = render(SharedStudyView, { props: { value: study() } });
		expect(body).toContain('5 of 5 trials');
		expect(body).toContain('3 complete, 1 pruned, 1 failed, 0 running');
		expect(body).toContain('0.410');
		expect(body).toContain('not distinguishable from luck');
		expect(body).toContain('Probability of backtest overfitting: <strong>0.330</strong>');
		expect(body).toContain('Trial #2');
		expect(body).toContain('alpha=10');
		expect(body).toContain('data-testid="reproduce"');
		expect(body).toContain('a'.repeat(64));
	});

	it('a study whose best trial is not carried says why, and offers no Reproduce', () => {
		const note =
			'The best trial (#2) has no trial record in the sender’s workspace: its curve and spec are not carried.';
		const { body } = render(SharedStudyView, { props: { value: study({ best: null, notes: [note] }) } });
		expect(body).toContain('has no trial record');
		expect(body).not.toContain('data-testid="reproduce"');
	});

	it('an analysis: the verdict, each number with its label and unit, what was left out and what it read', () => {
		const value = sharedAnalysisSchema.parse({
			kind: 'analysis',
			name: 'Is the S&P 500 stationary?',
			analysis: 'adf_kpss_tests',
			task: 'test',
			params: { regression: 'ct' },
			inputs: [{ ...data, kind: 'dataset' }],
			rows: 5105,
			firstT: data.firstT,
			lastT: data.lastT,
			from: null,
			to: null,
			seed: 42,
			results: { adf_p_value: 0.25, share: 0.125, missing: null },
			labels: {
				adf_p_value: { label: 'ADF p-value', unit: '' },
				share: { label: 'Share', unit: '%' },
				missing: { label: 'Not computable', unit: '' }
			},
			omitted: { numbers: 0, tables: 1, charts: 2 },
			summary: 'Unit root at 5 %: difference it before modelling.',
			appVersion: 'test'
		});
		const { body } = render(SharedAnalysisView, { props: { value } });
		expect(body).toContain('Unit root at 5 %');
		expect(body).toContain('ADF p-value');
		expect(body).toContain('12.50%');
		expect(body).toContain('n/a');
		expect(body).toContain('1 tables and 2 charts');
		expect(body).toContain('seed 42');
		expect(body).toContain('2000-01-03');
	});

	it('a portfolio: its value, numbers and open positions', () => {
		const start = createPortfolio({}, '2024-01-02');
		const order = { symbol: 'SPY', horizon: 'short', modelId: 'manual', date: '2024-01-02' } as const;
		const state = openPosition(start, { ...order, price: 470, target: 484.1, stop: 462.95 }).state;
		const record = portfolioRecordSchema.parse({
			id: 'paper',
			state,
			sources: {},
			createdAt: 1,
			updatedAt: 1
		});
		const { body } = render(SharedPortfolioView, { props: { value: sharedPortfolioOf(record, 'test') } });
		expect(body).toContain('Value on 2024-01-02');
		expect(body).toContain('SPY');
		expect(body).toContain('7–12 days');
		expect(body).toContain('484.10');
		expect(body).toContain('nothing in it is a real trade');
	});
});
