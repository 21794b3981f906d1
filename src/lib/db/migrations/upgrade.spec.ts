import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { contentSha256 } from '../../domain/content-hash';
import { tinyFoldOutput, tinySpec } from '../../testing/fixtures';
import { sp500Bars, sp500Dataset, sp500Provenance } from '../../testing/sp500';
import { MlTrainerDb } from '../database';
import { datasetRecordSchema, foldResultRecordSchema, trialRecordSchema } from '../records';
import { applyV1 } from './v1';
import { applyV2 } from './v2';
import { applyV3 } from './v3';

describe('a database written by version 1 (issue 2)', () => {
	it('opens in the current schema with every dataset hashed and given a baseline, and nothing lost', async () => {
		const name = `upgrade-${Date.now()}`;
		const bars = sp500Bars();
		const old = new Dexie(name);
		applyV1(old);
		await old.table('datasets').put({
			id: 'sp500-daily-vega',
			name: 'S&P 500 index, daily',
			symbol: '^GSPC',
			frequency: 'daily',
			provenance: sp500Provenance(bars),
			bars,
			bundled: true,
			createdAt: 123
		});
		await old.table('trials').put({ id: 't1', createdAt: 1, status: 'completed' });
		old.close();

		const db = new MlTrainerDb(name);
		const ds = await db.datasets.get('sp500-daily-vega');
		expect(ds?.contentSha256).toBe(contentSha256({ ...bars }));
		expect(ds?.baseline?.n).toBe(bars.t.length - 1);
		expect(ds?.drift).toBeNull();
		expect(ds?.updatedAt).toBe(123);
		expect(await db.trials.count()).toBe(1);
		// The stores of versions 2, 3, 5, 6 and 7 exist and are empty.
		expect(await db.analyses.count()).toBe(0);
		expect(await db.studies.count()).toBe(0);
		expect(await db.loops.count()).toBe(0);
		expect(await db.audit.count()).toBe(0);
		expect(await db.messages.count()).toBe(0);
		expect(db.verno).toBe(9);
		db.close();
		await db.delete();
	});
});

describe('a database written by version 3 (issue 4)', () => {
	it('pins each trial to its dataset as version 1, with its folds as dates, and keeps every metric', async () => {
		const name = `upgrade-v3-${Date.now()}`;
		const bars = sp500Bars();
		const old = new Dexie(name);
		applyV1(old);
		applyV2(old);
		applyV3(old);
		const dataset = sp500Dataset('sp500-daily-vega', { bundled: true });
		const { seriesKey: _s, version: _v, ...v3Dataset } = dataset;
		await old.table('datasets').put(v3Dataset);
		const spec = tinySpec({
			datasetId: 'sp500-daily-vega',
			target: { kind: 'forward_return', horizon: 5 },
			validation: { mode: 'rolling', trainLength: 1_260, testLength: 252, step: 252, embargo: 5 }
		});
		const { sizing: _z, ...v3Strategy } = spec.strategy;
		const regression = { rmse: 0.02, mae: 0.01, r2: -0.01, hitRate: 0.53, ic: 0.04, n: 252 };
		const perf = tinyFoldOutput().metrics.strategy;
		const v3Metrics = { regression, strategy: perf, buyHold: perf };
		await old.table('trials').put({
			id: 't1',
			spec: { ...spec, strategy: v3Strategy },
			status: 'completed',
			createdAt: 1,
			startedAt: 1,
			finishedAt: 2,
			folds: 14,
			foldsDone: 14,
			foldsFailed: 0,
			error: null,
			summary: { ...v3Metrics, rows: 3_528, firstT: 0, lastT: 1 },
			appVersion: '0.1.0',
			datasetSha256: dataset.provenance.sha256
		});
		await old.table('results').put({
			...tinyFoldOutput({ metrics: v3Metrics as never }),
			trialId: 't1',
			fold: 0,
			attempt: 1,
			finishedAt: 2
		});
		old.close();

		const db = new MlTrainerDb(name);
		const trial = trialRecordSchema.parse(await db.trials.get('t1'));
		expect(trial.task).toBe('regression');
		expect(trial.spec.strategy.sizing).toBe('sign');
		expect(trial.data).toMatchObject({ datasetId: 'sp500-daily-vega', version: 1, rows: bars.t.length });
		expect(trial.data?.contentSha256).toBe(dataset.contentSha256);
		expect(trial.foldBounds).toHaveLength(15);
		expect(trial.foldBounds[0].trainStartT).toBe(bars.t[49]);
		expect(trial.summary?.direction).toEqual({ hitRate: 0.53, ic: 0.04, n: 252 });
		expect(trial.summary?.regression).toEqual(regression);
		const result = foldResultRecordSchema.parse(await db.results.get(['t1', 0]));
		expect(result.metrics.task).toBe('regression');
		expect(result.metrics.regression).toEqual(regression);
		const ds = datasetRecordSchema.parse(await db.datasets.get('sp500-daily-vega'));
		expect([ds.seriesKey, ds.version]).toEqual(['sp500-daily-vega', 1]);
		db.close();
		await db.delete();
	});
});
