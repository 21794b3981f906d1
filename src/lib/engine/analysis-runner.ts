/**
 * Runs stored analyses (formulas, measures, tests, transforms) on the worker pool, under the same supervisor
 * rules as folds: a deadline, the worker's error events, a coded failure. A run is claimed with a lease before
 * it starts, so two tabs never run the same one, and a run left "running" by a tab that closed or crashed is
 * taken over once its lease has passed (`resume`). Results are validated again here before they are stored.
 */
import * as Comlink from 'comlink';
import { appendAudit } from '../db/audit-log';
import { seriesAtContent } from '../db/series-archive';
import type { AnalysisRecord } from '../db/analysis-records';
import type { MlTrainerDb } from '../db/database';
import { errorMessage } from '../domain/errors';
import type { WorkerPool } from './worker-pool';
import {
	analysisJobResultSchema,
	type AnalysisJobInput,
	type AnalysisJobResult,
	type TrialWorkerApi
} from '../workers/protocol';

/** No analysis may run longer (a Monte Carlo of a million paths takes seconds). */
export const ANALYSIS_DEADLINE_MS = 5 * 60_000;
/** A claimed run is someone's for this long past its deadline. */
const LEASE_MARGIN_MS = 30_000;
/** A run whose worker died is tried this many times in all. */
export const MAX_ANALYSIS_ATTEMPTS = 2;

export interface AnalysisRunnerOptions {
	readonly db: MlTrainerDb;
	readonly pool: WorkerPool<TrialWorkerApi>;
	readonly now?: () => number;
	readonly deadlineMs?: number;
	readonly onProgress?: (id: string, fraction: number) => void;
}

export class AnalysisRunner {
	readonly #o: AnalysisRunnerOptions;
	readonly #running = new Set<string>();

	constructor(options: AnalysisRunnerOptions) {
		this.#o = options;
	}

	#now(): number {
		return (this.#o.now ?? Date.now)();
	}

	/** Claims the run if it is still running and nobody holds it; returns the claimed record or null. */
	async #claim(id: string): Promise<AnalysisRecord | null> {
		const { db } = this.#o;
		const deadline = this.#o.deadlineMs ?? ANALYSIS_DEADLINE_MS;
		return db.transaction('rw', db.analyses, async () => {
			const rec = await db.analyses.get(id);
			const now = this.#now();
			if (!rec || rec.status !== 'running' || rec.leaseUntil > now) return null;
			const claimed = { ...rec, leaseUntil: now + deadline + LEASE_MARGIN_MS, attempts: rec.attempts + 1 };
			await db.analyses.put(claimed);
			return claimed;
		});
	}

	async #finish(rec: AnalysisRecord, patch: Partial<AnalysisRecord>): Promise<void> {
		const { db } = this.#o;
		const done: AnalysisRecord = { ...rec, ...patch, leaseUntil: 0, finishedAt: this.#now() };
		await db.transaction('rw', db.analyses, db.audit, async () => {
			await db.analyses.put(done);
			await appendAudit(
				db,
				{
					type: done.status === 'completed' ? 'analysis.completed' : 'analysis.failed',
					subject: done.id,
					summary:
						done.status === 'completed'
							? `Analysis completed: ${done.spec.model.id} (${Math.round(done.runMs ?? 0)} ms)`
							: `Analysis failed: ${done.spec.model.id}: ${done.error?.reason ?? ''}`.slice(0, 300),
					detail: {
						model: done.spec.model.id,
						status: done.status,
						code: done.error?.code ?? 'ok',
						inputs: done.inputs.map((i) => `${i.kind}:${i.id}@${i.contentSha256.slice(0, 12)}`),
						alignedRows: done.alignedRows ?? -1
					}
				},
				this.#now()
			);
		});
	}

	async #job(rec: AnalysisRecord): Promise<AnalysisJobInput | { missing: string }> {
		const { db } = this.#o;
		const inputs: AnalysisJobInput['inputs'] = [];
		for (const pin of rec.inputs) {
			if (pin.kind === 'dataset') {
				const ds = await db.datasets.get(pin.id);
				if (!ds) return { missing: pin.name };
				inputs.push({
					kind: 'dataset',
					id: ds.id,
					name: pin.name,
					contentSha256: pin.contentSha256,
					provenance: ds.provenance,
					columns: ds.bars
				});
			} else {
				// The pinned content: the current record, or the copy a refresh kept (db/series-archive.ts).
				const s = await seriesAtContent(db, pin.id, pin.contentSha256);
				if (!s) return { missing: pin.name };
				inputs.push({
					kind: 'series',
					id: pin.id,
					name: pin.name,
					contentSha256: pin.contentSha256,
					provenance: s.provenance,
					columns: { t: s.t, value: s.value }
				});
			}
		}
		return { id: rec.id, spec: rec.spec, inputs };
	}

	/** Runs one stored analysis to completion or failure; does nothing if another tab holds it. */
	async run(id: string): Promise<void> {
		if (this.#running.has(id)) return;
		this.#running.add(id);
		try {
			let rec = await this.#claim(id);
			while (rec) {
				const job = await this.#job(rec);
				if ('missing' in job) {
					await this.#finish(rec, {
						status: 'failed',
						error: { code: 'unknown_dataset', reason: `its input "${job.missing}" was deleted` }
					});
					return;
				}
				let outcome: AnalysisJobResult;
				try {
					outcome = analysisJobResultSchema.parse(
						await this.#o.pool.run(
							(api, beat) =>
								api.runAnalysis(
									job,
									Comlink.proxy((fraction: number) => {
										beat();
										this.#o.onProgress?.(id, fraction);
									})
								),
							{
								deadlineMs: this.#o.deadlineMs ?? ANALYSIS_DEADLINE_MS,
								heartbeatMs: this.#o.deadlineMs ?? ANALYSIS_DEADLINE_MS,
								label: `analysis "${rec.spec.name || rec.spec.model.id}"`
							}
						)
					);
				} catch (e) {
					// The worker died, hung or ran out of time: try again on a fresh worker, then give up, saying why.
					if (rec.attempts < MAX_ANALYSIS_ATTEMPTS) {
						const again: AnalysisRecord = { ...rec, leaseUntil: 0 };
						await this.#o.db.analyses.put(again);
						rec = await this.#claim(id);
						continue;
					}
					const code =
						typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : 'analysis_failed';
					await this.#finish(rec, { status: 'failed', error: { code, reason: errorMessage(e) } });
					return;
				}
				if ('refused' in outcome || 'failed' in outcome) {
					await this.#finish(rec, {
						status: 'failed',
						error: { code: outcome.code, reason: outcome.reason }
					});
					return;
				}
				this.#o.onProgress?.(id, 1);
				await this.#finish(rec, {
					status: 'completed',
					result: outcome.result,
					alignedRows: outcome.alignedRows,
					firstT: outcome.firstT,
					lastT: outcome.lastT,
					runMs: outcome.runMs,
					error: null
				});
				return;
			}
		} finally {
			this.#running.delete(id);
		}
	}

	/** Runs every analysis left running whose lease has passed (a closed or crashed tab's). */
	async resume(): Promise<number> {
		const now = this.#now();
		const stale = await this.#o.db.analyses
			.where('status')
			.equals('running')
			.filter((r) => r.leaseUntil <= now)
			.primaryKeys();
		await Promise.all(stale.map((id) => this.run(id)));
		return stale.length;
	}
}
