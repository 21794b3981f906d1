/**
 * One trial spec across a universe (issue 12): one sub-trial per member with stored data, all with the same
 * settings, each on the newest version of its member's series and named with its symbol. Every sub-trial goes
 * through submitTrial, so the gateway admits (and audits) each one; a member without data or refused by the
 * gateway is recorded with its reason and the others still run. The run itself is stored (universeRuns) with
 * its 'universe.run' audit entry in one transaction.
 */
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import {
	universeRunDatasetId,
	universeRunRecordSchema,
	type UniverseRunMember,
	type UniverseRunRecord
} from '../db/universe-run-records';
import { trialSpecSchema, type SpecIssue } from '../domain/trial-spec';
import { db as appDb } from './db';
import type { SubmitResult } from './trials';
import { getUniverse, resolveMembers, UniverseError } from './universes';

/** The trial spec allows names of at most 120 characters (domain/trial-spec.ts). */
const MAX_TRIAL_NAME_CHARS = 120;

export type SubmitFn = (input: unknown) => Promise<SubmitResult>;

export type UniverseRunResult =
	| { ok: true; run: UniverseRunRecord }
	| { ok: false; code: string; reason: string; issues: readonly SpecIssue[] };

/** The sub-trial's name: the shared name with the symbol after it (the symbol alone when unnamed). */
export function memberTrialName(name: string, symbol: string): string {
	if (name === '') return symbol;
	const suffix = ` · ${symbol}`;
	return `${name.slice(0, MAX_TRIAL_NAME_CHARS - suffix.length).trimEnd()}${suffix}`;
}

function newRunId(now: number): string {
	const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, '0');
	return `ur-${now.toString(36)}-${random}`;
}

/** Starts a universe run (module comment). Refuses the whole run only when the shared settings are invalid. */
export async function startUniverseRunWith(
	db: MlTrainerDb,
	submit: SubmitFn,
	specInput: unknown,
	universeId: string,
	now = Date.now()
): Promise<UniverseRunResult> {
	let universe;
	try {
		universe = await getUniverse(db, universeId);
	} catch (e) {
		if (e instanceof UniverseError) return { ok: false, code: e.code, reason: e.message, issues: [] };
		throw e;
	}
	const input = typeof specInput === 'object' && specInput !== null ? specInput : {};
	const shared = trialSpecSchema.safeParse({ ...input, datasetId: universeRunDatasetId(universe.id) });
	if (!shared.success) {
		const issues = shared.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
		return { ok: false, code: 'invalid_spec', reason: issues[0].message, issues };
	}
	const members: UniverseRunMember[] = [];
	for (const m of await resolveMembers(db, universe)) {
		const base = { symbol: m.symbol, seriesKey: m.seriesKey };
		if (!m.latest) {
			members.push({
				...base,
				datasetId: null,
				trialId: null,
				refusal: { code: 'no_data', reason: `no bars of ${m.symbol} are stored: fetch the universe first` }
			});
			continue;
		}
		const result = await submit({
			...input,
			name: memberTrialName(shared.data.name, m.symbol),
			datasetId: m.latest.id
		});
		members.push(
			result.ok
				? { ...base, datasetId: m.latest.id, trialId: result.id, refusal: null }
				: {
						...base,
						datasetId: m.latest.id,
						trialId: null,
						refusal: { code: result.code, reason: result.reason }
					}
		);
	}
	const run = universeRunRecordSchema.parse({
		id: newRunId(now),
		universeId: universe.id,
		universeName: universe.name,
		spec: shared.data,
		members,
		createdAt: now
	});
	const started = members.filter((m) => m.trialId !== null).length;
	await db.transaction('rw', db.universeRuns, db.audit, async () => {
		await db.universeRuns.add(run);
		await appendAudit(
			db,
			{
				type: 'universe.run',
				subject: run.id,
				summary: `Run of ${shared.data.model.id} across "${universe.name}": ${started} of ${members.length} sub-trials started`,
				detail: {
					universeId: universe.id,
					model: shared.data.model.id,
					members: members.map((m) => ({
						symbol: m.symbol,
						trialId: m.trialId,
						refusal: m.refusal?.code ?? null
					}))
				}
			},
			now
		);
	});
	return { ok: true, run };
}

export async function readUniverseRun(db: MlTrainerDb, id: string): Promise<UniverseRunRecord | undefined> {
	const raw = await db.universeRuns.get(id);
	return raw && universeRunRecordSchema.parse(raw);
}

/** Runs, newest first; of one universe when given. */
export async function listUniverseRuns(db: MlTrainerDb, universeId?: string): Promise<UniverseRunRecord[]> {
	const rows =
		universeId === undefined
			? await db.universeRuns.toArray()
			: await db.universeRuns.where('universeId').equals(universeId).toArray();
	return rows.map((r) => universeRunRecordSchema.parse(r)).sort((a, b) => b.createdAt - a.createdAt);
}

/** The app's entry point: each sub-trial through submitTrial (loaded on first use, with the engine). */
export async function startUniverseRun(specInput: unknown, universeId: string): Promise<UniverseRunResult> {
	const { submitTrial } = await import('./trials');
	return startUniverseRunWith(appDb, submitTrial, specInput, universeId);
}

/** Every universe run, newest first, live. */
export function watchUniverseRuns(): Observable<UniverseRunRecord[]> {
	return liveQuery(() => listUniverseRuns(appDb));
}
