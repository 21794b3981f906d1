/**
 * Universes in IndexedDB (issue 12): named lists of series that one trial spec, a fetch or a scan runs across.
 * Each change is validated (db/universe-records.ts plus the rules below: a name used once, a symbol and a series
 * once per universe) and written with its 'universe.changed' audit entry in one transaction. The original's
 * default universe is offered as a preset the user creates with one click; nothing is created silently.
 */
import { liveQuery, type Observable } from 'dexie';
import { appendAudit } from '../db/audit-log';
import type { MlTrainerDb } from '../db/database';
import type { DatasetRecord } from '../db/records';
import {
	universeMemberSchema,
	universeRecordSchema,
	type UniverseMember,
	type UniverseRecord
} from '../db/universe-records';
import { normalizeTicker } from '../data/polygon';
import { db as appDb } from './db';
import { latestVersion } from './dataset-versions';
import { polygonDatasetId } from './market-data';

export type UniverseErrorCode = 'duplicate_name' | 'duplicate_symbol' | 'not_found' | 'invalid';

/** A refused universe change; `message` is for the user and names the field. */
export class UniverseError extends Error {
	constructor(
		readonly code: UniverseErrorCode,
		message: string
	) {
		super(message);
		this.name = 'UniverseError';
	}
}

export interface UniversePreset {
	readonly id: string;
	readonly name: string;
	readonly symbols: readonly string[];
}

/** The original system's default universe (reference/original-system.md): eight liquid ETFs across assets. */
export const ORIGINAL_DEFAULT_UNIVERSE: UniversePreset = {
	id: 'original-default',
	name: 'Original default (8 ETFs)',
	symbols: ['SPY', 'QQQ', 'IWM', 'DIA', 'EFA', 'EEM', 'TLT', 'GLD']
};
export const UNIVERSE_PRESETS: readonly UniversePreset[] = [ORIGINAL_DEFAULT_UNIVERSE];

/** A Polygon ticker as a member: its daily-bar series key (what a fetch of 1/day bars stores it under). */
export function tickerMember(ticker: string): UniverseMember {
	const symbol = normalizeTicker(ticker);
	return { symbol, seriesKey: polygonDatasetId({ ticker: symbol, multiplier: 1, timespan: 'day' }) };
}

/** Tickers separated by commas, spaces or new lines, as members (each checked as a ticker). */
export function parseTickers(text: string): UniverseMember[] {
	return text
		.split(/[\s,;]+/)
		.filter((t) => t !== '')
		.map(tickerMember);
}

function parseRow(raw: unknown): UniverseRecord {
	return universeRecordSchema.parse(raw);
}

/** Every universe, by name. */
export async function listUniverses(db: MlTrainerDb): Promise<UniverseRecord[]> {
	const rows = (await db.universes.toArray()).map(parseRow);
	return rows.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getUniverse(db: MlTrainerDb, id: string): Promise<UniverseRecord> {
	const raw = await db.universes.get(id);
	if (!raw) throw new UniverseError('not_found', `universe ${id} no longer exists`);
	return parseRow(raw);
}

function newUniverseId(now: number): string {
	const random = crypto.getRandomValues(new Uint32Array(1))[0].toString(36).padStart(7, '0');
	return `u-${now.toString(36)}-${random}`;
}

/** Validates a whole record: the schema, then one symbol and one series per member. */
function check(input: unknown): UniverseRecord {
	const parsed = universeRecordSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.join('.') || 'universe';
		throw new UniverseError('invalid', `${field}: ${issue.message}`);
	}
	const u = parsed.data;
	const symbols = new Set<string>();
	const keys = new Set<string>();
	for (const m of u.members) {
		const s = m.symbol.toUpperCase();
		if (symbols.has(s)) throw new UniverseError('duplicate_symbol', `members: ${m.symbol} is listed twice`);
		if (keys.has(m.seriesKey))
			throw new UniverseError('duplicate_symbol', `members: the series ${m.seriesKey} is listed twice`);
		symbols.add(s);
		keys.add(m.seriesKey);
	}
	return u;
}

async function assertNameFree(db: MlTrainerDb, name: string, exceptId: string | null): Promise<void> {
	const wanted = name.trim().toLowerCase();
	const clash = (await db.universes.toArray()).find(
		(u) => u.id !== exceptId && u.name.trim().toLowerCase() === wanted
	);
	if (clash)
		throw new UniverseError('duplicate_name', `name: a universe named "${clash.name}" already exists`);
}

async function store(
	db: MlTrainerDb,
	u: UniverseRecord,
	summary: string,
	change: string,
	now: number
): Promise<UniverseRecord> {
	await db.transaction('rw', db.universes, db.audit, async () => {
		await assertNameFree(db, u.name, u.id);
		await db.universes.put(u);
		await appendAudit(
			db,
			{
				type: 'universe.changed',
				subject: u.id,
				summary,
				detail: { change, name: u.name, symbols: u.members.map((m) => m.symbol) }
			},
			now
		);
	});
	return u;
}

export async function createUniverse(
	db: MlTrainerDb,
	input: { name: string; members: readonly UniverseMember[] },
	now = Date.now()
): Promise<UniverseRecord> {
	const u = check({
		id: newUniverseId(now),
		name: input.name,
		members: input.members,
		createdAt: now,
		updatedAt: now
	});
	return store(
		db,
		u,
		`Universe "${u.name}" created with ${u.members.map((m) => m.symbol).join(', ')}`,
		'created',
		now
	);
}

/** The preset as a stored universe (refused like any other when its name is taken). */
export function createFromPreset(
	db: MlTrainerDb,
	preset: UniversePreset = ORIGINAL_DEFAULT_UNIVERSE,
	now = Date.now()
): Promise<UniverseRecord> {
	return createUniverse(db, { name: preset.name, members: preset.symbols.map(tickerMember) }, now);
}

export async function renameUniverse(
	db: MlTrainerDb,
	id: string,
	name: string,
	now = Date.now()
): Promise<UniverseRecord> {
	const old = await getUniverse(db, id);
	const u = check({ ...old, name, updatedAt: now });
	return store(db, u, `Universe "${old.name}" renamed to "${u.name}"`, 'renamed', now);
}

export async function setMembers(
	db: MlTrainerDb,
	id: string,
	members: readonly UniverseMember[],
	now = Date.now()
): Promise<UniverseRecord> {
	const old = await getUniverse(db, id);
	const u = check({ ...old, members, updatedAt: now });
	return store(
		db,
		u,
		`Universe "${u.name}" members set to ${u.members.map((m) => m.symbol).join(', ')}`,
		'members',
		now
	);
}

/** Adds a member without fetching anything: its series is fetched later (or never, and it is skipped). */
export async function addMember(
	db: MlTrainerDb,
	id: string,
	member: UniverseMember,
	now = Date.now()
): Promise<UniverseRecord> {
	const m = universeMemberSchema.parse(member);
	const old = await getUniverse(db, id);
	const clash = old.members.find((x) => x.symbol.toUpperCase() === m.symbol.toUpperCase());
	if (clash) throw new UniverseError('duplicate_symbol', `members: ${m.symbol} is already in "${old.name}"`);
	return setMembers(db, id, [...old.members, m], now);
}

export async function removeMember(
	db: MlTrainerDb,
	id: string,
	symbol: string,
	now = Date.now()
): Promise<UniverseRecord> {
	const old = await getUniverse(db, id);
	return setMembers(
		db,
		id,
		old.members.filter((m) => m.symbol !== symbol),
		now
	);
}

/** Deletes the universe; its past runs keep their records (they carry its name). */
export async function deleteUniverse(db: MlTrainerDb, id: string, now = Date.now()): Promise<void> {
	const old = await getUniverse(db, id);
	await db.transaction('rw', db.universes, db.audit, async () => {
		await db.universes.delete(id);
		await appendAudit(
			db,
			{
				type: 'universe.changed',
				subject: id,
				summary: `Universe "${old.name}" deleted`,
				detail: { change: 'deleted', name: old.name, symbols: old.members.map((m) => m.symbol) }
			},
			now
		);
	});
}

export interface ResolvedMember extends UniverseMember {
	/** The newest stored version of the member's series; undefined when none is stored yet. */
	readonly latest: DatasetRecord | undefined;
}

/** Each member with the newest version of its series (what a run or a scan would use now). */
export async function resolveMembers(db: MlTrainerDb, universe: UniverseRecord): Promise<ResolvedMember[]> {
	return Promise.all(
		universe.members.map(async (m) => ({ ...m, latest: await latestVersion(db, m.seriesKey) }))
	);
}

/** The app's universes, bound to the app's database (what the pages call). */
export function watchUniverses(): Observable<UniverseRecord[]> {
	return liveQuery(() => listUniverses(appDb));
}

/** What the Data page shows of a member's stored data (not its bars). */
export interface MemberDataView extends UniverseMember {
	readonly latest: {
		readonly id: string;
		readonly version: number;
		readonly rows: number;
		readonly lastT: number;
	} | null;
}

/** Every universe with each member's stored data, by name. */
export async function listUniversesWithData(
	db: MlTrainerDb
): Promise<{ universe: UniverseRecord; members: MemberDataView[] }[]> {
	return Promise.all(
		(await listUniverses(db)).map(async (universe) => ({
			universe,
			members: (await resolveMembers(db, universe)).map(({ latest, ...m }) => ({
				...m,
				latest: latest
					? {
							id: latest.id,
							version: latest.version,
							rows: latest.bars.t.length,
							lastT: latest.provenance.lastT
						}
					: null
			}))
		}))
	);
}

export const universes = {
	watch: watchUniverses,
	watchWithData: () => liveQuery(() => listUniversesWithData(appDb)),
	list: () => listUniverses(appDb),
	get: (id: string) => getUniverse(appDb, id),
	create: (input: { name: string; members: readonly UniverseMember[] }) => createUniverse(appDb, input),
	createFromPreset: (preset?: UniversePreset) => createFromPreset(appDb, preset),
	rename: (id: string, name: string) => renameUniverse(appDb, id, name),
	setMembers: (id: string, members: readonly UniverseMember[]) => setMembers(appDb, id, members),
	addMember: (id: string, member: UniverseMember) => addMember(appDb, id, member),
	removeMember: (id: string, symbol: string) => removeMember(appDb, id, symbol),
	delete: (id: string) => deleteUniverse(appDb, id),
	resolve: (u: UniverseRecord) => resolveMembers(appDb, u)
};
