import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	KeyVault,
	VAULT_IDLE_MS,
	VaultError,
	type KeyVaultOptions,
	type SealedVault,
	type VaultEvent
} from './vault';

/** Key-shaped strings; none is a real credential. */
const ANTHROPIC = 'sk-ant-api03-Zq8vT1mK4pX9wR2sL6nB3cH7dF0gJ5yE8uA1oI4kM7tV2xN9bQ6rS3wP0lC5zD8fG1hA-qYw_AA';
const POLYGON = 'K9sJvR2PEyVT_EMrTip0aAAlvrkHp8Xq';
const FRED = '3f9a1c7e5b2d8f4a6c0e9b1d7a3f5c2e';
const ALL_VALUES = [ANTHROPIC, POLYGON, FRED];
const PASS = 'correct horse battery';
const OTHER_PASS = 'tr0ub4dor & 3';
const FAST = 1_000;

/** An in-memory store that keeps a JSON copy of everything it was ever given, like IndexedDB would. */
function memoryStore(initial?: unknown) {
	let record: string | undefined = initial === undefined ? undefined : JSON.stringify(initial);
	const saved: string[] = [];
	const calls = { load: 0, save: 0, clear: 0 };
	let failNextSave = false;
	return {
		calls,
		saved,
		failNextSave: () => {
			failNextSave = true;
		},
		get record(): SealedVault | undefined {
			return record === undefined ? undefined : (JSON.parse(record) as SealedVault);
		},
		set raw(value: unknown) {
			record = JSON.stringify(value);
		},
		store: {
			load: async () => {
				calls.load++;
				return record === undefined ? undefined : (JSON.parse(record) as unknown);
			},
			save: async (r: SealedVault) => {
				calls.save++;
				if (failNextSave) {
					failNextSave = false;
					throw new Error('QuotaExceededError');
				}
				record = JSON.stringify(r);
				saved.push(record);
			},
			clear: async () => {
				calls.clear++;
				record = undefined;
			}
		}
	};
}

/** A clock and timer queue the test moves by hand. */
function fakeClock() {
	let t = 1_700_000_000_000;
	let nextId = 1;
	const timers = new Map<number, { at: number; fn: () => void }>();
	return {
		now: () => t,
		setTimer: (fn: () => void, ms: number) => {
			timers.set(nextId, { at: t + ms, fn });
			return nextId++;
		},
		clearTimer: (handle: unknown) => {
			timers.delete(handle as number);
		},
		advance(ms: number) {
			t += ms;
			for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
				if (timer.at <= t && timers.delete(id)) timer.fn();
			}
		},
		pending: () => timers.size
	};
}

function setup(opts: { initial?: unknown; vault?: Partial<KeyVaultOptions> } = {}) {
	const mem = memoryStore(opts.initial);
	const clock = fakeClock();
	const events: VaultEvent[] = [];
	const make = (extra: Partial<KeyVaultOptions> = {}) =>
		new KeyVault({
			store: mem.store,
			now: clock.now,
			setTimer: clock.setTimer,
			clearTimer: clock.clearTimer,
			iterations: FAST,
			allowWeak: true,
			onChange: (e) => events.push(e),
			...opts.vault,
			...extra
		});
	return { mem, clock, events, vault: make(), make };
}

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<string> {
	try {
		await (typeof promise === 'function' ? promise() : promise);
		return 'resolved';
	} catch (e) {
		return e instanceof VaultError ? e.code : `not a VaultError: ${String(e)}`;
	}
}

/** A vault in stored mode holding all three keys, unlocked. */
async function storedVault() {
	const s = setup();
	await s.vault.init();
	await s.vault.set('anthropic', ANTHROPIC);
	await s.vault.set('polygon', POLYGON);
	await s.vault.enableStorage(PASS);
	await s.vault.set('fred', FRED);
	s.events.length = 0;
	return s;
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('KeyVault in session mode', () => {
	it('is locked until init has read the store, and refuses keys meanwhile', async () => {
		const { vault } = setup();
		expect(vault.state).toBe('locked');
		expect(vault.get('polygon')).toBeUndefined();
		expect(await codeOf(vault.set('polygon', POLYGON))).toBe('locked');
	});

	it('starts unlocked and empty in session mode when the store holds nothing', async () => {
		const { vault, mem } = setup();
		await vault.init();
		expect([vault.mode, vault.state, vault.error]).toEqual(['session', 'unlocked', undefined]);
		expect(vault.names()).toEqual([]);
		expect(mem.calls.load).toBe(1);
	});

	it('keeps keys in memory, trimmed, and never writes to the store', async () => {
		const { vault, mem, events } = setup();
		await vault.init();
		await vault.set('polygon', `  ${POLYGON}\n`);
		await vault.set('anthropic', ANTHROPIC);
		expect(vault.get('polygon')).toBe(POLYGON);
		expect(vault.names()).toEqual(['polygon', 'anthropic']);
		await vault.remove('anthropic');
		await vault.remove('fred');
		expect(vault.get('anthropic')).toBeUndefined();
		expect(vault.names()).toEqual(['polygon']);
		await vault.forgetAll();
		expect(vault.names()).toEqual([]);
		expect(mem.calls).toEqual({ load: 1, save: 0, clear: 0 });
		expect(events).toEqual([
			{ kind: 'set', name: 'polygon' },
			{ kind: 'set', name: 'anthropic' },
			{ kind: 'removed', name: 'anthropic' },
			{ kind: 'forgotten' }
		]);
	});

	it('refuses an empty or blank value with empty_value', async () => {
		const { vault } = setup();
		await vault.init();
		expect(await codeOf(vault.set('fred', ''))).toBe('empty_value');
		expect(await codeOf(vault.set('fred', ' \t\n'))).toBe('empty_value');
		expect(vault.names()).toEqual([]);
	});

	it('has nothing to lock, unlock, disable or re-key: not_stored', async () => {
		const { vault } = setup();
		await vault.init();
		expect(await codeOf(() => vault.lock())).toBe('not_stored');
		expect(await codeOf(vault.unlock(PASS))).toBe('not_stored');
		expect(await codeOf(vault.disableStorage())).toBe('not_stored');
		expect(await codeOf(vault.changePassphrase(PASS, OTHER_PASS))).toBe('not_stored');
	});

	it('never auto-locks: session keys could not be unlocked again', async () => {
		const { vault, clock } = setup();
		await vault.init();
		await vault.set('fred', FRED);
		clock.advance(3 * VAULT_IDLE_MS);
		expect(vault.get('fred')).toBe(FRED);
		expect(clock.pending()).toBe(0);
	});

	it('idles for fifteen minutes by default', () => {
		expect(VAULT_IDLE_MS).toBe(15 * 60 * 1000);
		expect(new KeyVault({ store: memoryStore().store }).idleMs).toBe(VAULT_IDLE_MS);
		expect(() => new KeyVault({ store: memoryStore().store, idleMs: 0 })).toThrow(RangeError);
	});
});

describe('KeyVault.enableStorage', () => {
	it('seals the keys already entered and stays unlocked in stored mode', async () => {
		const { vault, mem, events } = setup();
		await vault.init();
		await vault.set('polygon', POLYGON);
		await vault.enableStorage(PASS);
		expect([vault.mode, vault.state]).toEqual(['stored', 'unlocked']);
		expect(mem.record?.names).toEqual(['polygon']);
		expect(mem.record?.iterations).toBe(FAST);
		expect(vault.get('polygon')).toBe(POLYGON);
		expect(events.at(-1)).toEqual({ kind: 'storage_enabled' });
	});

	it('refuses a short passphrase and stores nothing', async () => {
		const { vault, mem } = setup();
		await vault.init();
		await vault.set('polygon', POLYGON);
		expect(await codeOf(vault.enableStorage('short'))).toBe('weak_passphrase');
		expect([vault.mode, mem.calls.save]).toEqual(['session', 0]);
	});

	it('refuses weak iterations outside tests, and a second enable', async () => {
		const weak = setup({ vault: { allowWeak: false } });
		await weak.vault.init();
		expect(await codeOf(weak.vault.enableStorage(PASS))).toBe('weak_kdf');
		expect(weak.mem.calls.save).toBe(0);
		const { vault } = await storedVault();
		expect(await codeOf(vault.enableStorage(OTHER_PASS))).toBe('already_stored');
	});
});

describe('KeyVault in stored mode', () => {
	it('comes up locked after a reload, lists its names, and unlocks with the right passphrase only', async () => {
		const { make, events } = await storedVault();
		const reloaded = make();
		await reloaded.init();
		expect([reloaded.mode, reloaded.state]).toEqual(['stored', 'locked']);
		expect(reloaded.names()).toEqual(['polygon', 'anthropic', 'fred']);
		expect(reloaded.get('polygon')).toBeUndefined();
		expect(await codeOf(reloaded.unlock(OTHER_PASS))).toBe('wrong_passphrase');
		expect(reloaded.state).toBe('locked');
		await reloaded.unlock(PASS);
		expect(reloaded.state).toBe('unlocked');
		expect(ALL_VALUES.map((_, i) => reloaded.get((['anthropic', 'polygon', 'fred'] as const)[i]))).toEqual(
			ALL_VALUES
		);
		expect(events).toEqual([{ kind: 'unlocked' }]);
	});

	it('re-seals every change with a fresh IV under the same salt', async () => {
		const { vault, mem, make } = await storedVault();
		const before = mem.record!;
		await vault.set('polygon', 'Z'.repeat(31) + '1');
		const after = mem.record!;
		expect(after.salt).toBe(before.salt);
		expect(after.iv).not.toBe(before.iv);
		await vault.remove('anthropic');
		expect(mem.record!.names).toEqual(['polygon', 'fred']);
		const reloaded = make();
		await reloaded.init();
		await reloaded.unlock(PASS);
		expect([reloaded.get('polygon'), reloaded.get('anthropic')]).toEqual(['Z'.repeat(31) + '1', undefined]);
	});

	it('lock drops the decrypted keys and refuses changes until unlocked again', async () => {
		const { vault, mem, events } = await storedVault();
		const saves = mem.calls.save;
		vault.lock();
		vault.lock();
		expect(vault.state).toBe('locked');
		expect(vault.get('anthropic')).toBeUndefined();
		expect(vault.names()).toEqual(['polygon', 'anthropic', 'fred']);
		expect(await codeOf(vault.set('fred', FRED))).toBe('locked');
		expect(await codeOf(vault.remove('fred'))).toBe('locked');
		expect(await codeOf(vault.disableStorage())).toBe('locked');
		expect(mem.calls.save).toBe(saves);
		await vault.unlock(PASS);
		expect(vault.get('anthropic')).toBe(ANTHROPIC);
		expect(events).toEqual([{ kind: 'locked' }, { kind: 'unlocked' }]);
	});

	it('auto-locks after idleMs without use, and every get pushes the deadline back', async () => {
		const { vault, clock, events } = await storedVault();
		clock.advance(VAULT_IDLE_MS - 1);
		expect(vault.get('fred')).toBe(FRED);
		clock.advance(VAULT_IDLE_MS - 1);
		expect(vault.state).toBe('unlocked');
		clock.advance(1);
		expect(vault.state).toBe('locked');
		expect(vault.get('fred')).toBeUndefined();
		expect(events).toEqual([{ kind: 'auto_locked' }]);
		expect(clock.pending()).toBe(0);
		await vault.unlock(PASS);
		expect(clock.pending()).toBe(1);
	});

	it('locks on a late get even when a throttled timer never fired', async () => {
		const s = setup({ vault: { setTimer: () => 0, clearTimer: () => undefined, idleMs: 60_000 } });
		await s.vault.init();
		await s.vault.set('fred', FRED);
		await s.vault.enableStorage(PASS);
		s.clock.advance(59_999);
		expect(s.vault.get('fred')).toBe(FRED);
		s.clock.advance(60_000);
		expect(s.vault.get('fred')).toBeUndefined();
		expect(s.vault.state).toBe('locked');
		expect(s.events.at(-1)).toEqual({ kind: 'auto_locked' });
	});

	it('disableStorage deletes the record and keeps the keys for this session only', async () => {
		const { vault, mem, clock, events, make } = await storedVault();
		await vault.disableStorage();
		expect([vault.mode, vault.state, mem.record]).toEqual(['session', 'unlocked', undefined]);
		clock.advance(2 * VAULT_IDLE_MS);
		expect(vault.get('anthropic')).toBe(ANTHROPIC);
		expect(events).toEqual([{ kind: 'storage_disabled' }]);
		const reloaded = make();
		await reloaded.init();
		expect([reloaded.mode, reloaded.names()]).toEqual(['session', []]);
	});

	it('changePassphrase re-keys under a new salt; only the new passphrase opens it after a reload', async () => {
		const { vault, mem, make, events } = await storedVault();
		const oldSalt = mem.record!.salt;
		expect(await codeOf(vault.changePassphrase('not the passphrase', OTHER_PASS))).toBe('wrong_passphrase');
		expect(await codeOf(vault.changePassphrase(PASS, 'short'))).toBe('weak_passphrase');
		expect(mem.record!.salt).toBe(oldSalt);
		vault.lock();
		await vault.changePassphrase(PASS, OTHER_PASS);
		expect(vault.state).toBe('unlocked');
		expect(mem.record!.salt).not.toBe(oldSalt);
		const reloaded = make();
		await reloaded.init();
		expect(await codeOf(reloaded.unlock(PASS))).toBe('wrong_passphrase');
		await reloaded.unlock(OTHER_PASS);
		expect(reloaded.get('fred')).toBe(FRED);
		expect(events.map((e) => e.kind)).toEqual(['locked', 'passphrase_changed', 'unlocked']);
	});

	it('changePassphrase moves an old record up to the current iteration count', async () => {
		const { mem, make } = await storedVault();
		expect(mem.record!.iterations).toBe(FAST);
		const stronger = make({ iterations: 2 * FAST });
		await stronger.init();
		await stronger.changePassphrase(PASS, OTHER_PASS);
		expect(mem.record!.iterations).toBe(2 * FAST);
		const reloaded = make();
		await reloaded.init();
		await reloaded.unlock(OTHER_PASS);
		expect(reloaded.get('fred')).toBe(FRED);
	});

	it('forgetAll deletes the record and leaves an empty session', async () => {
		const { vault, mem, events } = await storedVault();
		vault.lock();
		await vault.forgetAll();
		expect([vault.mode, vault.state, vault.names(), mem.record]).toEqual([
			'session',
			'unlocked',
			[],
			undefined
		]);
		expect(events.at(-1)).toEqual({ kind: 'forgotten' });
	});

	it('keeps the old value when the store refuses the new record', async () => {
		const { vault, mem, events } = await storedVault();
		mem.failNextSave();
		await expect(vault.set('fred', 'e'.repeat(32))).rejects.toThrow('QuotaExceededError');
		expect(vault.get('fred')).toBe(FRED);
		expect(events).toEqual([]);
	});

	it('serialises concurrent changes so none is lost', async () => {
		const { vault, make } = await storedVault();
		await Promise.all([
			vault.remove('fred'),
			vault.set('polygon', 'P'.repeat(31) + '2'),
			vault.remove('anthropic')
		]);
		const reloaded = make();
		await reloaded.init();
		await reloaded.unlock(PASS);
		expect(reloaded.names()).toEqual(['polygon']);
		expect(reloaded.get('polygon')).toBe('P'.repeat(31) + '2');
	});

	it('a lock requested right after a change refuses the change', async () => {
		const { vault } = await storedVault();
		const pending = vault.set('fred', 'c'.repeat(32));
		vault.lock();
		expect(await codeOf(pending)).toBe('locked');
		await vault.unlock(PASS);
		expect(vault.get('fred')).toBe(FRED);
	});

	it('a lock while the store is writing wins: the record keeps the change, memory stays locked', async () => {
		const { vault, mem } = await storedVault();
		const save = mem.store.save;
		mem.store.save = async (record) => {
			vault.lock();
			await save(record);
		};
		await vault.set('fred', 'c'.repeat(32));
		mem.store.save = save;
		expect(vault.state).toBe('locked');
		expect(vault.get('fred')).toBeUndefined();
		expect(mem.record!.names).toContain('fred');
		await vault.unlock(PASS);
		expect(vault.get('fred')).toBe('c'.repeat(32));
	});

	it('a lock during a pending unlock wins too', async () => {
		const { vault } = await storedVault();
		vault.lock();
		const pending = vault.unlock(PASS);
		vault.lock();
		expect(await codeOf(pending)).toBe('locked');
		expect(vault.state).toBe('locked');
	});
});

describe('KeyVault with an unreadable record', () => {
	it('keeps the record, stays locked and reports corrupt instead of deleting the user’s data', async () => {
		const { vault, mem } = setup({ initial: { id: 'vault', v: 99, something: 'from the future' } });
		await vault.init();
		expect([vault.mode, vault.state, vault.error]).toEqual(['stored', 'locked', 'corrupt']);
		expect(vault.names()).toEqual([]);
		expect(await codeOf(vault.unlock(PASS))).toBe('corrupt');
		expect(await codeOf(vault.set('fred', FRED))).toBe('corrupt');
		expect(await codeOf(vault.changePassphrase(PASS, OTHER_PASS))).toBe('corrupt');
		expect(mem.calls.clear).toBe(0);
		expect(mem.calls.save).toBe(0);
		expect(mem.record).toEqual({ id: 'vault', v: 99, something: 'from the future' });
	});

	it('treats a tampered ciphertext as a passphrase that does not open it', async () => {
		const { mem, make } = await storedVault();
		const record = mem.record!;
		const first = record.ciphertext[0] === 'A' ? 'B' : 'A';
		mem.raw = { ...record, ciphertext: `${first}${record.ciphertext.slice(1)}` };
		const reloaded = make();
		await reloaded.init();
		expect(reloaded.error).toBeUndefined();
		expect(await codeOf(reloaded.unlock(PASS))).toBe('wrong_passphrase');
	});

	it('forgetAll is the way out, and only when the user asks', async () => {
		const { vault, mem, events } = setup({ initial: 'garbage' });
		await vault.init();
		await vault.forgetAll();
		expect([vault.mode, vault.state, vault.error, mem.record]).toEqual([
			'session',
			'unlocked',
			undefined,
			undefined
		]);
		expect(events).toEqual([{ kind: 'forgotten' }]);
	});
});

describe('what leaves the vault', () => {
	async function fullLifecycle() {
		const s = setup();
		await s.vault.init();
		await s.vault.set('anthropic', ANTHROPIC);
		await s.vault.enableStorage(PASS);
		await s.vault.set('polygon', POLYGON);
		await s.vault.set('fred', FRED);
		s.clock.advance(VAULT_IDLE_MS);
		await s.vault.unlock(PASS);
		await s.vault.changePassphrase(PASS, OTHER_PASS);
		await s.vault.remove('polygon');
		await s.vault.set('polygon', POLYGON);
		s.vault.lock();
		await s.vault.unlock(OTHER_PASS);
		await s.vault.disableStorage();
		await s.vault.enableStorage(PASS);
		await s.vault.forgetAll();
		return s;
	}

	it('the store never receives a plaintext key or passphrase', async () => {
		const { mem } = await fullLifecycle();
		expect(mem.saved.length).toBeGreaterThanOrEqual(7);
		const everything = mem.saved.join('\n');
		expect(everything).not.toContain('sk-ant-');
		for (const secret of [...ALL_VALUES, PASS, OTHER_PASS]) expect(everything).not.toContain(secret);
	});

	it('change events name the secret but never carry its value', async () => {
		const { events } = await fullLifecycle();
		expect(events.map((e) => ('name' in e ? `${e.kind}:${e.name}` : e.kind))).toEqual([
			'set:anthropic',
			'storage_enabled',
			'set:polygon',
			'set:fred',
			'auto_locked',
			'unlocked',
			'passphrase_changed',
			'removed:polygon',
			'set:polygon',
			'locked',
			'unlocked',
			'storage_disabled',
			'storage_enabled',
			'forgotten'
		]);
		const json = JSON.stringify(events);
		for (const secret of [...ALL_VALUES, PASS, OTHER_PASS]) expect(json).not.toContain(secret);
		for (const e of events) expect(Object.keys(e).every((k) => k === 'kind' || k === 'name')).toBe(true);
	});

	it('a throwing listener does not fail the change; its error is reported on its own', async () => {
		const reported: (() => void)[] = [];
		vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((fn) => reported.push(fn));
		const { vault } = setup({
			vault: {
				onChange: () => {
					throw new Error('audit trail is full');
				}
			}
		});
		await vault.init();
		await vault.set('fred', FRED);
		expect(vault.get('fred')).toBe(FRED);
		expect(reported).toHaveLength(1);
		expect(reported[0]).toThrow('audit trail is full');
	});
});
