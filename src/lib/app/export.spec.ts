import { describe, expect, it } from 'vitest';
import type { FoldResultRecord, TrialRecord } from '../db/records';
import {
	pinnedData,
	regressionBlock,
	tinyFoldOutput,
	tinySpec,
	twoDayPerformance
} from '../testing/fixtures';
import { csvCell, csvText, trialJson, trialSeriesCsv } from './export';

const perf = twoDayPerformance;

const trial: TrialRecord = {
	id: 'x1',
	spec: tinySpec({ name: 'export', strategy: { mode: 'long_short', sizing: 'sign', costBps: 10 }, seed: 3 }),
	task: 'regression',
	status: 'completed',
	createdAt: 0,
	startedAt: 0,
	finishedAt: 1,
	folds: 1,
	foldsDone: 1,
	foldsFailed: 0,
	error: null,
	summary: null,
	appVersion: '0.1.0',
	data: pinnedData({ contentSha256: 'a'.repeat(64) }),
	foldBounds: [{ trainStartT: 0, trainEndT: 1, testStartT: 3, testEndT: 4 }],
	lookahead: null
};

const day = 86_400_000;
const result: FoldResultRecord = {
	...tinyFoldOutput({
		trainEndT: day,
		testStartT: 3 * day,
		testEndT: 4 * day,
		t: Float64Array.from([3 * day, 4 * day]),
		row: Float64Array.from([3, 4]),
		predicted: Float64Array.from([0.5, -0.25]),
		realised: Float64Array.from([0.02, 0.01]),
		metrics: regressionBlock({ rmse: 0, mae: 0, r2: 0, hitRate: 0.5, ic: 1, n: 2 }, perf, perf),
		fitMs: 2,
		backend: 'js-float64'
	}),
	trialId: 'x1',
	fold: 0,
	attempt: 1,
	finishedAt: 5
};

describe('trial exports', () => {
	it('writes one CSV row per out-of-sample day with the position and the net return after costs', () => {
		const lines = trialSeriesCsv(trial, [result]).trim().split('\n');
		expect(lines[0]).toBe('date,predicted,realised,next_day_return,position,strategy_net_return');
		// day 1: long (+1) from flat: 0.01 - 10 bps = 0.009; day 2: short (-1), turnover 2: 0.02 - 0.002 = 0.018
		expect(lines[1].split(',').slice(0, 5)).toEqual(['1970-01-04', '0.5', '0.02', '0.01', '1']);
		expect(Number(lines[1].split(',')[5])).toBeCloseTo(0.009, 12);
		expect(lines[2].split(',').slice(0, 5)).toEqual(['1970-01-05', '-0.25', '0.01', '-0.02', '-1']);
		expect(Number(lines[2].split(',')[5])).toBeCloseTo(0.018, 12);
	});

	it('writes JSON with the spec and per-fold metrics, metrics that are not available as null', () => {
		const parsed = JSON.parse(trialJson(trial, [result]));
		expect(parsed.format).toBe('mltrainer-trial@2');
		expect(parsed.trial.spec.seed).toBe(3);
		expect(parsed.folds[0].test).toEqual({ from: '1970-01-04', to: '1970-01-05', rows: 2 });
		expect(parsed.folds[0].metrics.strategy.sharpe).toBeNull();
		expect(parsed.folds[0].metrics.strategy.totalReturn).toBe(0.01);
	});
});

describe('CSV cells', () => {
	it.each([
		['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
		['+SUM(1)', "'+SUM(1)"],
		['-1+1', "'-1+1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', `"'\rcmd"`]
	])('escape text that starts like a formula: %j is written %j', (text, written) => {
		expect(csvCell(text)).toBe(written);
	});

	it('keep numbers as numbers, negatives included, and leave plain text alone', () => {
		expect(csvCell(-0.25)).toBe('-0.25');
		expect(csvCell(1e-7)).toBe('1e-7');
		expect(csvCell('1970-01-04')).toBe('1970-01-04');
		expect(csvCell('SPY daily')).toBe('SPY daily');
		expect(csvCell(null)).toBe('');
	});

	it('quote text with a delimiter, a quote or a line break (RFC 4180)', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
	});

	it('write rows with a final line break', () => {
		expect(
			csvText([
				['name', 'value'],
				['=1+1', -2]
			])
		).toBe("name,value\n'=1+1,-2\n");
	});
});
