import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../db/audit-log';
import { MlTrainerDb } from '../db/database';
import { createTrial } from '../engine/job-store';
import { tinySpec } from '../testing/fixtures';
import { trialOn } from '../testing/pinned';
import { sp500Dataset } from '../testing/sp500';
import { countWorkerRestart, readTelemetryInput } from './telemetry';
import { telemetryFamilies } from './telemetry-metrics';

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`telemetry-${n++}`);
	await db.open();
});
afterEach(async () => db.delete());

describe('telemetry read from the stored records', () => {
	it('counts what storage holds, and the worker restarts it was told of', async () => {
		const ds = sp500Dataset('spx', { bundled: true });
		await db.datasets.put(ds);
		await createTrial(
			db,
			trialOn(
				ds,
				't1',
				tinySpec({
					datasetId: 'spx',
					validation: { mode: 'rolling', trainLength: 500, testLength: 250, step: 250, embargo: 1 }
				})
			)
		);
		await appendAudit(db, {
			type: 'compliance.decision',
			subject: 'spx',
			summary: 'refused',
			detail: { allowed: false, code: 'unknown_model' }
		});
		await countWorkerRestart(db);
		await countWorkerRestart(db);
		const input = await readTelemetryInput(db, null);
		expect(input.trials).toEqual([{ id: 't1', status: 'queued', model: 'ridge' }]);
		expect(input.jobs.length).toBeGreaterThan(1);
		expect(input.jobs.every((j) => j.status === 'queued' && j.trialId === 't1')).toBe(true);
		expect(input.workerRestarts).toBe(2);
		const families = telemetryFamilies(input);
		const refusals = families.find((f) => f.name === 'mltrainer_compliance_refusals_total');
		expect(refusals && 'samples' in refusals ? refusals.samples : null).toEqual([
			{ labels: { code: 'unknown_model' }, value: 1 }
		]);
	});
});
