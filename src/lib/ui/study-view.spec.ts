import { describe, expect, it } from 'vitest';
import { studyRecordSchema, type StudyRecord, type StudyTrial } from '../app/study-types';
import { studySpecSchema } from '../research/study/spec';
import { pinnedData, tinySpec } from '../testing/fixtures';
import { searchOf, searchRowsFor, studySpecFrom, type StudyForm } from './study-form';
import { bestTrial, historyOf, leaderboardOf, parallelOf, slicesOf } from './study-view';
import { pandasTimedelta, pandasTimestamp, parseStudyJson, studyCsv, studyJson } from '../app/study-export';

const trial = (
	number: number,
	state: StudyTrial['state'],
	value: number | null,
	alpha: number
): StudyTrial => ({
	number,
	trialId: `s.${number}`,
	params: { alpha, fit_intercept: number % 2 === 0 },
	state,
	value,
	intermediate: [],
	note: state === 'pruned' ? 'pruned after 1 of 3 folds' : null,
	createdAt: Date.UTC(2026, 11, 5, 4, 0, number),
	finishedAt: state === 'running' ? null : Date.UTC(2026, 11, 5, 4, 0, number) + 1_500
});

function study(direction: 'maximize' | 'minimize', trials: StudyTrial[]): StudyRecord {
	return studyRecordSchema.parse({
		id: 's',
		spec: studySpecSchema.parse({
			name: 'sweep',
			base: tinySpec(),
			search: { alpha: { range: [0.01, 100], log: true }, fit_intercept: 'full' },
			sampler: 'tpe',
			budget: { trials: 10 },
			objective: { metric: direction === 'maximize' ? 'sharpe' : 'rmse' },
			seed: 1
		}),
		status: 'running',
		stopReason: null,
		error: null,
		createdAt: 0,
		finishedAt: null,
		leaseUntil: 0,
		leaseOwner: '',
		data: pinnedData(),
		appVersion: 'test',
		trials
	});
}

const trials = [
	trial(0, 'complete', 0.5, 1),
	trial(1, 'pruned', -0.2, 10),
	trial(2, 'complete', 0.9, 0.1),
	trial(3, 'failed', null, 50),
	trial(4, 'complete', 0.9, 0.02),
	trial(5, 'running', null, 3)
];

describe('the study page’s data', () => {
	it('finds the best complete trial in the objective’s direction, the earliest on a tie', () => {
		expect(bestTrial(study('maximize', trials))?.number).toBe(2);
		expect(bestTrial(study('minimize', trials))?.number).toBe(0);
		expect(bestTrial(study('maximize', [trial(0, 'pruned', 3, 1)]))).toBeNull();
	});

	it('draws the history with the best so far, leaving unscored trials as gaps', () => {
		const h = historyOf(study('maximize', trials));
		expect(Array.from(h.x)).toEqual([1, 2, 3, 4, 5, 6]);
		expect(Array.from(h.value)).toEqual([0.5, NaN, 0.9, NaN, 0.9, NaN]);
		expect(Array.from(h.bestSoFar)).toEqual([0.5, 0.5, 0.9, 0.9, 0.9, 0.9]);
	});

	it('ranks the leaderboard best first, then pruned, running and failed', () => {
		expect(leaderboardOf(study('maximize', trials)).map((t) => t.number)).toEqual([2, 4, 0, 1, 5, 3]);
		expect(leaderboardOf(study('minimize', trials)).map((t) => t.number)).toEqual([0, 2, 4, 1, 5, 3]);
	});

	it('puts each parameter and the objective on [0, 1] for parallel coordinates, and slices per parameter', () => {
		const p = parallelOf(study('maximize', trials));
		expect(p.axes.map((a) => a.name)).toEqual(['alpha', 'fit_intercept', 'sharpe']);
		expect(p.lines.map((l) => l.number)).toEqual([0, 2, 4]);
		// alpha = 1 is the middle of [0.01, 100] on a log scale; the objective 0.5 is the bottom of [0.5, 0.9].
		expect(p.lines[0].points[0]).toBeCloseTo(0.5, 12);
		expect(p.lines[0].points[2]).toBe(0);
		expect(p.lines[1].points[2]).toBe(1);
		const slices = slicesOf(study('maximize', trials));
		expect(slices.map((s) => s.name)).toEqual(['alpha', 'fit_intercept']);
		expect(Array.from(slices[0].x)).toEqual([0, -1, Math.log10(0.02)]);
		expect(slices[1].choices).toEqual(['false', 'true']);
		expect(Array.from(slices[1].x)).toEqual([1, 1, 1]);
	});
});

describe('the Optuna-compatible CSV', () => {
	it('has trials_dataframe’s columns in its order, pandas’ time formats and Optuna’s states', () => {
		const lines = studyCsv(study('maximize', trials)).trimEnd().split('\n');
		expect(lines[0]).toBe(
			'number,value,datetime_start,datetime_complete,duration,params_alpha,params_fit_intercept,user_attrs_note,user_attrs_trial_id,state'
		);
		expect(lines[1]).toBe(
			'0,0.5,2026-12-05 04:00:00.000000,2026-12-05 04:00:01.500000,0 days 00:00:01.500000,1,True,,s.0,COMPLETE'
		);
		expect(lines[2]).toContain(',PRUNED');
		expect(lines[4]).toBe(
			'3,,2026-12-05 04:00:03.000000,2026-12-05 04:00:04.500000,0 days 00:00:01.500000,50,False,,s.3,FAIL'
		);
		expect(lines[6]).toBe('5,,2026-12-05 04:00:05.000000,,,3,False,,s.5,RUNNING');
		// Every row has as many cells as the header (no cell holds a comma here).
		for (const line of lines) expect(line.split(',')).toHaveLength(10);
	});

	it('writes pandas’ timestamp and timedelta text', () => {
		expect(pandasTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 67))).toBe('2026-01-02 03:04:05.067000');
		expect(pandasTimedelta(90_061_500)).toBe('1 days 01:01:01.500000');
	});
});

describe('the New study form', () => {
	it('offers every searchable parameter over its catalog range, and narrows only what the user changed', () => {
		const rows = searchRowsFor('ridge');
		expect(rows.map((r) => [r.name, r.kind, r.search])).toEqual([
			['alpha', 'float', true],
			['fit_intercept', 'categorical', true]
		]);
		expect(searchOf(rows)).toEqual({ alpha: 'full', fit_intercept: 'full' });
		rows[0].low = '0.1';
		rows[1].search = false;
		expect(searchOf(rows)).toEqual({ alpha: { range: [0.1, Number(rows[0].high)], log: rows[0].log } });
	});

	it('builds a spec the schema accepts from a base trial, dropping the trial’s name', () => {
		const rows = searchRowsFor('ridge');
		const form: StudyForm = {
			name: 'ridge sweep',
			baseTrialId: 't',
			rows,
			sampler: 'tpe',
			gridPoints: 5,
			acquisition: 'EI',
			trials: 30,
			minutes: null,
			metric: 'ic',
			pruning: true,
			startupTrials: 5,
			warmupFolds: 1,
			parallel: 2,
			seed: 3,
			procedure: 'none',
			procedureParams: {}
		};
		const base = { spec: tinySpec({ name: 'my trial' }) } as Parameters<typeof studySpecFrom>[1];
		const spec = studySpecSchema.parse(studySpecFrom(form, base));
		expect(spec.base.name).toBe('');
		expect(spec.objective).toEqual({ metric: 'ic', direction: 'maximize' });
		expect(spec.pruning).toEqual({ kind: 'median', startupTrials: 5, warmupFolds: 1 });
	});
});

describe('importing a study file', () => {
	it('reads back exactly what it exported, unavailable numbers included', () => {
		const s = { ...study('maximize', trials), status: 'completed' as const };
		s.trials[0] = { ...s.trials[0], intermediate: [0.1, Number.NaN] };
		const back = parseStudyJson(studyJson(s));
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.study.trials[0].intermediate).toEqual([0.1, Number.NaN]);
		expect(back.study.trials.map((t) => [t.number, t.state, t.value])).toEqual(
			s.trials.map((t) => [t.number, t.state, t.value])
		);
		expect(back.study.spec).toEqual(s.spec);
	});

	it('brings a study exported while running in as stopped, saying so', () => {
		const back = parseStudyJson(studyJson(study('maximize', trials)));
		expect(back.ok && back.study.status).toBe('stopped');
		expect(back.ok && back.study.stopReason).toBe('imported while it was running');
	});

	it('refuses what is not a study file, naming the problem', () => {
		expect(parseStudyJson('{')).toEqual({ ok: false, reason: 'the file is not JSON' });
		expect(parseStudyJson('{"format":"mltrainer-trial@2"}')).toMatchObject({
			reason: /not a study exported/
		});
		const bad = JSON.parse(studyJson(study('maximize', trials)));
		bad.study.spec.budget.trials = 10_000;
		expect(parseStudyJson(JSON.stringify(bad))).toMatchObject({ ok: false, reason: /spec\.budget\.trials/ });
		expect(parseStudyJson('x'.repeat(5_000_001))).toMatchObject({ ok: false, reason: /larger than/ });
	});
});
