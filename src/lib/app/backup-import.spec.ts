import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../db/audit-log';
import { MlTrainerDb } from '../db/database';
import { BackupError, decodeValue, encodeValue } from '../data/backup-format';
import { retrail, seedWorkspace } from '../testing/backup-seed';
import { exportWorkspace } from './backup-export';
import { applyImport, clearWorkspace, previewImport, readBackup } from './backup-import';
import { BACKUP_STORES } from './backup-stores';

let db: MlTrainerDb;
let other: MlTrainerDb;
let n = 0;
beforeEach(async () => {
	db = new MlTrainerDb(`backup-import-${n}`);
	other = new MlTrainerDb(`backup-import-target-${n++}`);
	await db.open();
	await other.open();
	await seedWorkspace(db);
});
afterEach(async () => {
	await db.delete();
	await other.delete();
});

async function plainLines(): Promise<string[]> {
	const file = await exportWorkspace(db, { compress: false, includeChat: true });
	return (await file.blob.text()).trimEnd().split('\n');
}

async function refusal(text: string | Blob): Promise<BackupError> {
	const blob = typeof text === 'string' ? new Blob([text]) : text;
	const e = await readBackup(blob, undefined, other).then(
		() => null,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(BackupError);
	return e as BackupError;
}

/** Edits the decoded row of the first line of `store` that `pick` accepts. */
function editRow(
	lines: string[],
	store: string,
	pick: (r: Record<string, unknown>) => boolean,
	edit: (r: Record<string, unknown>) => void
): string[] {
	const i = lines.findIndex((l) => {
		const o = JSON.parse(l) as { s?: string; r?: unknown };
		return o.s === store && pick(decodeValue(o.r) as Record<string, unknown>);
	});
	expect(i).toBeGreaterThan(0);
	const row = decodeValue((JSON.parse(lines[i]) as { r: unknown }).r) as Record<string, unknown>;
	edit(row);
	const out = [...lines];
	out[i] = JSON.stringify({ s: store, r: encodeValue(row) });
	return out;
}

async function snapshot(d: MlTrainerDb): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const t of d.tables) counts[t.name] = await t.count();
	return counts;
}

describe('a backup file is checked before anything is written', () => {
	it('refuses a newer format version with bad_version, and another file with bad_format', async () => {
		const lines = await plainLines();
		const header = JSON.parse(lines[0]) as Record<string, unknown>;
		const newer = [JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)].join('\n');
		const e = await refusal(newer);
		expect(e.code).toBe('bad_version');
		expect(e.message).toMatch(/format version 2, made by a newer mlTrainer/);
		expect((await refusal('{"hello":1}\n')).code).toBe('bad_format');
		expect((await refusal('')).code).toBe('bad_format');
	});

	it('refuses a file with one changed byte in a row', async () => {
		const lines = await plainLines();
		const i = lines.findIndex((l) => l.includes('"s":"trials"'));
		lines[i] = lines[i].replace('"t1"', '"t9"');
		const e = await refusal(lines.join('\n') + '\n');
		expect(e.code).toBe('corrupt');
		expect(e.message).toMatch(/changed after it was written/);
	});

	it('refuses a file cut off before its last line, plain or compressed', async () => {
		const lines = await plainLines();
		const e = await refusal(lines.slice(0, -3).join('\n') + '\n');
		expect(e.code).toBe('truncated');
		const gz = (await exportWorkspace(db)).blob;
		const cut = await refusal(gz.slice(0, Math.floor(gz.size / 2)));
		expect(['truncated', 'corrupt']).toContain(cut.code);
	});

	it('refuses a dataset whose bars were altered (with the file hash redone) as hash_mismatch, naming it', async () => {
		const lines = editRow(
			await plainLines(),
			'datasets',
			(r) => r.id === 'spx',
			(r) => {
				(r.bars as { close: Float64Array }).close[10] += 0.01;
			}
		);
		const e = await refusal(retrail(lines));
		expect(e.code).toBe('hash_mismatch');
		expect(e.message).toMatch(/dataset spx does not match its content hash/);
	});

	it('refuses a broken audit chain as audit_broken', async () => {
		const lines = editRow(
			await plainLines(),
			'audit',
			(r) => r.seq === 2,
			(r) => {
				r.summary = 'rewritten history';
			}
		);
		const e = await refusal(retrail(lines));
		expect(e.code).toBe('audit_broken');
		expect(e.message).toMatch(/event 2 was changed/);
	});

	it('refuses a row that is not a valid record, naming its line and key', async () => {
		const lines = editRow(
			await plainLines(),
			'trials',
			(r) => r.id === 't2',
			(r) => {
				r.status = 'exploded';
			}
		);
		const e = await refusal(retrail(lines));
		expect(e.code).toBe('invalid_row');
		expect(e.message).toMatch(/^line \d+: trials row t2 is not valid \(status/);
	});
	it('refuses a row without its key, and a chat row in a file whose header says the chat is not in it', async () => {
		const keyless = editRow(
			await plainLines(),
			'goals',
			(r) => r.seq === 1,
			(r) => {
				delete r.seq;
			}
		);
		const e = await refusal(retrail(keyless));
		expect(e.code).toBe('invalid_row');
		expect(e.message).toMatch(/a row of goals has no valid key/);

		const lines = await plainLines();
		const header = JSON.parse(lines[0]) as Record<string, unknown>;
		const noChat = [JSON.stringify({ ...header, includesChat: false }), ...lines.slice(1)];
		const chat = await refusal(retrail(noChat));
		expect(chat.code).toBe('corrupt');
		expect(chat.message).toMatch(/holds conversations, which the header says is not included/);
	});
});

describe('importing into a workspace that has data', () => {
	it('counts new, identical and conflicting rows per store, and keeps mine on conflict', async () => {
		const file = await exportWorkspace(db);
		await other.datasets.put((await db.datasets.get('spx'))!);
		await other.trials.put({
			...(await db.trials.get('t1'))!,
			spec: { ...(await db.trials.get('t1'))!.spec, name: 'mine' }
		});
		const backup = await readBackup(file.blob, undefined, other);
		const preview = await previewImport(backup, other);
		const row = (s: string) => preview.stores.find((p) => p.store === s);
		expect(row('datasets')).toEqual({ store: 'datasets', added: 1, identical: 1, conflicting: 0 });
		expect(row('trials')).toEqual({ store: 'trials', added: 1, identical: 0, conflicting: 1 });
		const result = await applyImport(backup, other);
		expect(result.added.trials).toBe(1);
		expect((await other.trials.get('t1'))?.spec.name).toBe('mine');
		expect(await other.trials.count()).toBe(2);
	});

	it('appends the rest of the audit chain when the local chain is its prefix, and refuses to merge one that diverged', async () => {
		const file = await exportWorkspace(db);
		const events = await db.audit.orderBy('seq').toArray();
		await other.audit.bulkAdd(events.slice(0, 2));
		const backup = await readBackup(file.blob, undefined, other);
		const preview = await previewImport(backup, other);
		expect(preview.audit).toEqual({ mode: 'append', append: file.rows.audit - 2 });
		const result = await applyImport(backup, other);
		expect(result.auditOk).toBe(true);
		expect(result.auditVerified).toBe(file.rows.audit + 1);

		const third = new MlTrainerDb(`backup-import-third-${n}`);
		await appendAudit(third, { type: 'settings.changed', subject: 'x', summary: 'elsewhere', detail: {} }, 1);
		const plan = await previewImport(backup, third);
		expect(plan.audit.mode).toBe('conflict');
		expect(plan.stores.find((s) => s.store === 'audit')?.conflicting).toBe(file.rows.audit);
		const merged = await applyImport(backup, third);
		expect(merged.auditOk).toBe(true);
		expect(await third.audit.count()).toBe(2);
		await third.delete();
	});

	it('leaves the workspace exactly as it was when a write fails half-way', async () => {
		const file = await exportWorkspace(db, { includeChat: true });
		await other.goals.put({
			seq: 9,
			at: 1,
			action: 'set',
			text: 'mine',
			reason: '',
			components: null,
			source: 'user'
		});
		const backup = await readBackup(file.blob, undefined, other);
		const before = await snapshot(other);
		let writes = 0;
		other.results.hook('creating', () => {
			if (++writes === 2) throw new Error('disk full (simulated)');
		});
		await expect(applyImport(backup, other)).rejects.toThrow(/disk full/);
		expect(writes).toBe(2);
		expect(await snapshot(other)).toEqual(before);
		expect(await other.datasets.count()).toBe(0);
		expect(await other.goals.toArray()).toHaveLength(1);
	});
});

describe('clearing the workspace', () => {
	it('refuses while a fold is queued, and deletes nothing', async () => {
		const before = await snapshot(db);
		await expect(clearWorkspace(db)).rejects.toMatchObject({
			code: 'invalid_spec',
			message: expect.stringMatching(/^\d+ folds are queued or running: cancel the trial/)
		});
		expect(await snapshot(db)).toEqual(before);
	});

	it('deletes every row except the vault and the settings', async () => {
		// The seeded trials' folds have finished (a queued one refuses, above).
		await db.jobs.toCollection().modify({ status: 'done' });
		await clearWorkspace(db);
		const counts = await snapshot(db);
		for (const store of BACKUP_STORES) expect(counts[store], store).toBe(0);
		expect(counts.jobs).toBe(0);
		expect(counts.secrets).toBe(1);
		expect(counts.settings).toBeGreaterThan(0);
	});
});
