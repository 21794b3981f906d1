import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newBarsDataset, versionId } from '../data/dataset-record';
import { MlTrainerDb } from '../db/database';
import { sliceBars } from '../domain/series';
import { sp500Bars, sp500Provenance } from '../testing/sp500';
import {
	addMember,
	createFromPreset,
	createUniverse,
	deleteUniverse,
	listUniverses,
	listUniversesWithData,
	ORIGINAL_DEFAULT_UNIVERSE,
	parseTickers,
	removeMember,
	renameUniverse,
	resolveMembers,
	setMembers,
	tickerMember,
	UniverseError
} from './universes';

let db: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`universes-${n++}`);
	await db.open();
});
afterEach(async () => db.delete());

async function codeOf(p: Promise<unknown>): Promise<string> {
	try {
		await p;
		return 'resolved';
	} catch (e) {
		return e instanceof UniverseError ? `${e.code}: ${e.message}` : `other: ${String(e)}`;
	}
}

describe('stored universes', () => {
	it('offers the original default as a preset, created only when asked, with Polygon daily series keys', async () => {
		expect(await listUniverses(db)).toEqual([]);
		const u = await createFromPreset(db, ORIGINAL_DEFAULT_UNIVERSE, 10);
		expect(u.name).toBe('Original default (8 ETFs)');
		expect(u.members.map((m) => m.symbol)).toEqual(['SPY', 'QQQ', 'IWM', 'DIA', 'EFA', 'EEM', 'TLT', 'GLD']);
		expect(u.members[0].seriesKey).toBe('polygon-spy-1day');
		expect(await listUniverses(db)).toEqual([u]);
		const audit = await db.audit.where('type').equals('universe.changed').toArray();
		expect(audit.map((a) => a.summary)).toEqual([
			'Universe "Original default (8 ETFs)" created with SPY, QQQ, IWM, DIA, EFA, EEM, TLT, GLD'
		]);
	});

	it('renames, sets and edits members, and deletes, auditing each change', async () => {
		const u = await createUniverse(db, { name: 'Tech', members: parseTickers('aapl, msft') }, 1);
		expect(u.members).toEqual([tickerMember('AAPL'), tickerMember('MSFT')]);
		await renameUniverse(db, u.id, 'Big tech', 2);
		await addMember(db, u.id, tickerMember('nvda'), 3);
		await removeMember(db, u.id, 'AAPL', 4);
		const after = await setMembers(
			db,
			u.id,
			[...(await listUniverses(db))[0].members, tickerMember('I:SPX')],
			5
		);
		expect(after).toMatchObject({ name: 'Big tech', createdAt: 1, updatedAt: 5 });
		expect(after.members.map((m) => [m.symbol, m.seriesKey])).toEqual([
			['MSFT', 'polygon-msft-1day'],
			['NVDA', 'polygon-nvda-1day'],
			['I:SPX', 'polygon-i-spx-1day']
		]);
		await deleteUniverse(db, u.id, 6);
		expect(await listUniverses(db)).toEqual([]);
		const audit = await db.audit.where('type').equals('universe.changed').toArray();
		expect(audit.map((a) => (a.detail as { change: string }).change)).toEqual([
			'created',
			'renamed',
			'members',
			'members',
			'members',
			'deleted'
		]);
	});

	it('refuses a duplicate name (any case) or symbol, naming it, and stores nothing', async () => {
		const u = await createFromPreset(db);
		expect(await codeOf(createFromPreset(db))).toBe(
			'duplicate_name: name: a universe named "Original default (8 ETFs)" already exists'
		);
		const other = await createUniverse(db, { name: 'Other', members: parseTickers('SPY') });
		expect(await codeOf(renameUniverse(db, other.id, ' original DEFAULT (8 etfs) '))).toMatch(
			/^duplicate_name/
		);
		expect(await codeOf(addMember(db, u.id, tickerMember('spy')))).toBe(
			'duplicate_symbol: members: SPY is already in "Original default (8 ETFs)"'
		);
		expect(await codeOf(createUniverse(db, { name: 'Twice', members: parseTickers('QQQ qqq') }))).toBe(
			'duplicate_symbol: members: QQQ is listed twice'
		);
		expect(await codeOf(createUniverse(db, { name: ' ', members: parseTickers('QQQ') }))).toBe(
			'invalid: name: a universe needs a name'
		);
		expect(await codeOf(setMembers(db, other.id, []))).toBe(
			'invalid: members: a universe needs at least one member'
		);
		expect(() => parseTickers('SPY, not a ticker!')).toThrow(/is not a ticker/);
		expect((await listUniverses(db)).map((x) => x.name)).toEqual(['Original default (8 ETFs)', 'Other']);
		expect(await db.audit.where('type').equals('universe.changed').count()).toBe(2);
	});

	it('resolves each member to the newest stored version of its series, or undefined before a fetch', async () => {
		const u = await createUniverse(db, { name: 'Two', members: parseTickers('I:SPX QQQ') });
		const bars = sp500Bars();
		const v1 = sliceBars(bars, 0, 300);
		const v2 = sliceBars(bars, 0, 400);
		const base = {
			name: 'I:SPX day bars (Polygon)',
			symbol: 'I:SPX',
			frequency: 'daily' as const,
			bundled: false,
			request: null,
			seriesKey: 'polygon-i-spx-1day'
		};
		await db.datasets.add(
			newBarsDataset({ ...base, id: 'polygon-i-spx-1day', bars: v1, provenance: sp500Provenance(v1), now: 1 })
		);
		await db.datasets.add(
			newBarsDataset({
				...base,
				id: versionId('polygon-i-spx-1day', 2),
				version: 2,
				bars: v2,
				provenance: sp500Provenance(v2),
				now: 2
			})
		);
		const resolved = await resolveMembers(db, u);
		expect(resolved.map((m) => [m.symbol, m.latest?.id, m.latest?.bars.t.length])).toEqual([
			['I:SPX', versionId('polygon-i-spx-1day', 2), 400],
			['QQQ', undefined, undefined]
		]);
		const [shown] = await listUniversesWithData(db);
		expect(shown.members.map((m) => [m.symbol, m.latest?.version ?? null, m.latest?.rows ?? null])).toEqual([
			['I:SPX', 2, 400],
			['QQQ', null, null]
		]);
	});
});
