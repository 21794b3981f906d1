/** The stored universes as the scanner page lists them (live), parsed; empty until one is made on the Data page. */
import { liveQuery, type Observable } from 'dexie';
import { universeRecordSchema, type UniverseRecord } from '../db/universe-records';
import { db } from './db';

export function watchUniverseList(): Observable<UniverseRecord[]> {
	return liveQuery(async () =>
		(await db.universes.toArray())
			.map((r) => universeRecordSchema.parse(r))
			.sort((a, b) => a.name.localeCompare(b.name))
	);
}
