/**
 * Telemetry, local only (issue 13): reads what the metric families count (app/telemetry-metrics.ts) from
 * IndexedDB, keeps the one counter nothing else records (worker restarts, a row of the settings store), and
 * writes the Prometheus text a node_exporter textfile collector reads. Nothing is sent anywhere.
 */
import type { MlTrainerDb } from '../db/database';
import { formatPrometheus, type MetricFamily } from '../domain/prometheus';
import { db as appDb } from './db';
import { telemetryFamilies, type TelemetryInput } from './telemetry-metrics';

const COUNTERS_KEY = 'telemetry';
const COUNTED_AUDIT = ['data.fetch', 'compliance.decision', 'data.drift', 'data.import_refused'];

async function workerRestarts(db: MlTrainerDb): Promise<number> {
	const row = await db.settings.get(COUNTERS_KEY);
	const n = (row?.value as { workerRestarts?: unknown } | undefined)?.workerRestarts;
	return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
}

/** One more worker thrown away (a crash, a missed deadline or heartbeat). */
export async function countWorkerRestart(db: MlTrainerDb): Promise<void> {
	await db.transaction('rw', db.settings, async () => {
		const n = await workerRestarts(db);
		await db.settings.put({ key: COUNTERS_KEY, value: { workerRestarts: n + 1 } });
	});
}

export async function readTelemetryInput(
	db: MlTrainerDb,
	storage: TelemetryInput['storage']
): Promise<TelemetryInput> {
	const trials = (await db.trials.toArray()).map((t) => ({
		id: t.id,
		status: t.status,
		model: t.spec.model.id
	}));
	const jobs = (await db.jobs.toArray()).map((j) => ({
		trialId: j.trialId,
		status: j.status,
		attempts: j.attempts
	}));
	const fits: { trialId: string; fitMs: number }[] = [];
	await db.results.each((r) => fits.push({ trialId: r.trialId, fitMs: r.fitMs }));
	const audit = (await db.audit.where('type').anyOf(COUNTED_AUDIT).toArray()).map((e) => ({
		type: e.type,
		subject: e.subject,
		detail: e.detail
	}));
	const usage = await db.usage.toArray();
	return { trials, jobs, fits, audit, usage, workerRestarts: await workerRestarts(db), storage };
}

/** What the browser says about this origin's storage; null where it says nothing (or in Node). */
export async function storageEstimate(): Promise<TelemetryInput['storage']> {
	const s = typeof navigator === 'undefined' ? undefined : navigator.storage;
	if (!s?.estimate) return null;
	const [e, persisted] = await Promise.all([s.estimate(), s.persisted?.() ?? Promise.resolve(false)]);
	return { usage: e.usage ?? 0, quota: e.quota ?? 0, persisted };
}

export async function collectTelemetry(db: MlTrainerDb = appDb): Promise<MetricFamily[]> {
	return telemetryFamilies(await readTelemetryInput(db, await storageEstimate()));
}

export function prometheusText(families: readonly MetricFamily[]): string {
	return formatPrometheus(families);
}
