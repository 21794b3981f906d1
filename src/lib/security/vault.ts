/**
 * The user's API keys (reference B.5). Two modes: 'session' keeps them in memory only, gone when the page
 * closes; 'stored' keeps one passphrase-encrypted record in an injected store and decrypts it only on unlock,
 * locking again after a quiet spell. Storage is an interface so this file needs no Dexie and runs in Node.
 *
 * Dropping a key means dropping every reference to it: JS strings cannot be wiped, so "gone" is "unreachable,
 * left to the collector". That is the most a page can do, and why auto-lock keeps the window short.
 */
import { IdleTimer } from './idle-timer';
import {
	PBKDF2_ITERATIONS,
	SECRET_NAMES,
	VaultError,
	checkPassphrase,
	deriveKey,
	fromBase64,
	open,
	randomSalt,
	seal,
	sealedVaultSchema,
	type SealedVault,
	type SecretName,
	type Secrets,
	type VaultErrorCode
} from './vault-crypto';

export { SECRET_NAMES, VaultError };
export type { SealedVault, SecretName, Secrets, VaultErrorCode };

/** Long enough for a research session between questions, short enough for a walk away from a shared desk. */
export const VAULT_IDLE_MS = 15 * 60 * 1000;

export type VaultMode = 'session' | 'stored';
export type VaultState = 'locked' | 'unlocked';

/** What happened, for the audit trail: the secret's name where it matters, never its value. */
export type VaultEvent =
	| { kind: 'set' | 'removed'; name: SecretName }
	| {
			kind:
				| 'locked'
				| 'unlocked'
				| 'auto_locked'
				| 'storage_enabled'
				| 'storage_disabled'
				| 'passphrase_changed'
				| 'forgotten';
	  };
export type VaultEventKind = VaultEvent['kind'];

/** Where the sealed record rests (a Dexie table in the app, a variable in tests). */
export interface VaultStore {
	/** The raw record, unparsed: whatever is on disk may be from an older build or damaged. */
	load(): Promise<unknown>;
	save(record: SealedVault): Promise<void>;
	clear(): Promise<void>;
}

export interface KeyVaultOptions {
	store: VaultStore;
	now?: () => number;
	idleMs?: number;
	/** PBKDF2 iterations for records this vault writes; records keep their own count for unlocking. */
	iterations?: number;
	/** Tests only: lets `iterations` go below the OWASP floor. */
	allowWeak?: boolean;
	setTimer?: (callback: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	onChange?: (event: VaultEvent) => void;
}

/** The unlocked key with what it was derived from, so a re-seal writes a record the same passphrase opens. */
interface Unlocked {
	key: CryptoKey;
	salt: Uint8Array<ArrayBuffer>;
	iterations: number;
}

export class KeyVault {
	readonly #store: VaultStore;
	readonly #now: () => number;
	readonly #idle: IdleTimer;
	readonly #iterations: number;
	readonly #allowWeak: boolean;
	readonly #onChange: ((event: VaultEvent) => void) | undefined;

	#mode: VaultMode = 'session';
	// Locked until init() has read the store: until then we do not know whether keys rest there.
	#state: VaultState = 'locked';
	#error: VaultErrorCode | undefined;
	#secrets: Secrets = {};
	#unlocked: Unlocked | undefined;
	#sealed: SealedVault | undefined;
	/** Bumped by every lock, so an operation requested before a lock cannot unlock again when it completes. */
	#epoch = 0;
	/** Mutations run one at a time: two concurrent set() calls would otherwise each seal a stale copy. */
	#queue: Promise<unknown> = Promise.resolve();

	constructor(opts: KeyVaultOptions) {
		const now = opts.now ?? (() => Date.now());
		this.#idle = new IdleTimer({
			idleMs: opts.idleMs ?? VAULT_IDLE_MS,
			now,
			onIdle: () => this.#autoLock(),
			setTimer: opts.setTimer,
			clearTimer: opts.clearTimer
		});
		this.#store = opts.store;
		this.#now = now;
		this.#iterations = opts.iterations ?? PBKDF2_ITERATIONS;
		this.#allowWeak = opts.allowWeak ?? false;
		this.#onChange = opts.onChange;
	}

	get mode(): VaultMode {
		return this.#mode;
	}

	get state(): VaultState {
		return this.#state;
	}

	get idleMs(): number {
		return this.#idle.idleMs;
	}

	/** 'corrupt' when the stored record could not be read; the record is kept until the user forgets it. */
	get error(): VaultErrorCode | undefined {
		return this.#error;
	}

	/** Reads the store: a record means 'stored' and locked; none means 'session' and unlocked, empty. */
	init(): Promise<void> {
		return this.#serial(async () => {
			this.#forget();
			const raw = await this.#store.load();
			this.#error = undefined;
			this.#sealed = undefined;
			if (raw === undefined || raw === null) {
				this.#mode = 'session';
				this.#state = 'unlocked';
				return;
			}
			this.#mode = 'stored';
			this.#state = 'locked';
			const parsed = sealedVaultSchema.safeParse(raw);
			// Never delete what we cannot read: it may be a newer build's record or the user's only copy.
			if (parsed.success) this.#sealed = parsed.data;
			else this.#error = 'corrupt';
		});
	}

	/** The secret, or undefined when locked or not set. Counts as activity for auto-lock. */
	get(name: SecretName): string | undefined {
		if (this.#state !== 'unlocked') return undefined;
		// Timers are throttled in background tabs and paused in sleep; the clock is the authority.
		if (this.#mode === 'stored' && this.#idle.expired()) {
			this.#autoLock();
			return undefined;
		}
		this.#touch();
		return this.#secrets[name];
	}

	/** Which secrets exist. While locked this comes from the record's public names. */
	names(): SecretName[] {
		if (this.#state === 'unlocked') return SECRET_NAMES.filter((n) => this.#secrets[n] !== undefined);
		return [...(this.#sealed?.names ?? [])];
	}

	set(name: SecretName, value: string): Promise<void> {
		return this.#serial(async () => {
			// Pasted keys often carry a trailing newline or space that the provider would reject.
			const trimmed = value.trim();
			if (trimmed === '') throw new VaultError('empty_value', name);
			this.#requireUnlocked();
			await this.#commit({ ...this.#secrets, [name]: trimmed });
			this.#emit({ kind: 'set', name });
			this.#touch();
		});
	}

	remove(name: SecretName): Promise<void> {
		return this.#serial(async () => {
			this.#requireUnlocked();
			if (this.#secrets[name] === undefined) return;
			const next = { ...this.#secrets };
			delete next[name];
			await this.#commit(next);
			this.#emit({ kind: 'removed', name });
			this.#touch();
		});
	}

	/** session → stored: a new salt, a key derived from the passphrase, the current secrets sealed. */
	enableStorage(passphrase: string): Promise<void> {
		return this.#serial(async () => {
			if (this.#mode === 'stored') throw new VaultError('already_stored');
			this.#requireUnlocked();
			checkPassphrase(passphrase);
			const salt = randomSalt();
			const iterations = this.#iterations;
			const key = await deriveKey(passphrase, salt, iterations, { allowWeak: this.#allowWeak });
			const sealed = await seal(key, salt, iterations, this.#secrets, this.#now());
			await this.#store.save(sealed);
			this.#mode = 'stored';
			this.#sealed = sealed;
			this.#unlocked = { key, salt, iterations };
			this.#emit({ kind: 'storage_enabled' });
			this.#touch();
		});
	}

	unlock(passphrase: string): Promise<void> {
		// Taken now, not when the queue reaches us: a lock() clicked after this unlock() must win.
		const epoch = this.#epoch;
		return this.#serial(async () => {
			const sealed = this.#requireRecord();
			const salt = fromBase64(sealed.salt);
			const key = await deriveKey(passphrase, salt, sealed.iterations, { allowWeak: this.#allowWeak });
			const secrets = await open(key, sealed);
			// lock() while we derived: the user's latest word was "locked", so stay locked.
			if (epoch !== this.#epoch) throw new VaultError('locked', 'locked while unlocking');
			this.#unlocked = { key, salt, iterations: sealed.iterations };
			this.#secrets = secrets;
			this.#state = 'unlocked';
			this.#emit({ kind: 'unlocked' });
			this.#touch();
		});
	}

	/** Drops the decrypted secrets and the CryptoKey; the sealed record stays. */
	lock(): void {
		if (this.#mode !== 'stored') throw new VaultError('not_stored', 'session keys cannot be locked');
		const wasUnlocked = this.#state === 'unlocked';
		this.#epoch++;
		this.#forget();
		this.#state = 'locked';
		if (wasUnlocked) this.#emit({ kind: 'locked' });
	}

	/** stored → session: the record is deleted, the secrets stay in memory until the page closes. */
	disableStorage(): Promise<void> {
		return this.#serial(async () => {
			if (this.#mode !== 'stored') throw new VaultError('not_stored');
			this.#requireUnlocked();
			const secrets = this.#secrets;
			await this.#store.clear();
			// Even if lock() ran during clear(): the record is gone, so memory is the keys' only home now.
			this.#forget();
			this.#mode = 'session';
			this.#state = 'unlocked';
			this.#sealed = undefined;
			this.#secrets = secrets;
			this.#emit({ kind: 'storage_disabled' });
		});
	}

	/** Re-seals under a new salt and passphrase (and today's iteration count); leaves the vault unlocked. */
	changePassphrase(oldPassphrase: string, nextPassphrase: string): Promise<void> {
		const epoch = this.#epoch;
		return this.#serial(async () => {
			const current = this.#requireRecord();
			checkPassphrase(nextPassphrase);
			const opts = { allowWeak: this.#allowWeak };
			const oldKey = await deriveKey(oldPassphrase, fromBase64(current.salt), current.iterations, opts);
			const secrets = await open(oldKey, current);
			const salt = randomSalt();
			const iterations = this.#iterations;
			const key = await deriveKey(nextPassphrase, salt, iterations, opts);
			const sealed = await seal(key, salt, iterations, secrets, this.#now());
			await this.#store.save(sealed);
			this.#sealed = sealed;
			if (epoch === this.#epoch) {
				this.#unlocked = { key, salt, iterations };
				this.#secrets = secrets;
				this.#state = 'unlocked';
			}
			this.#emit({ kind: 'passphrase_changed' });
			this.#touch();
		});
	}

	/** Deletes everything, readable or not: the one way out of a corrupt record or a forgotten passphrase. */
	forgetAll(): Promise<void> {
		return this.#serial(async () => {
			if (this.#mode === 'stored') await this.#store.clear();
			this.#forget();
			this.#mode = 'session';
			this.#state = 'unlocked';
			this.#sealed = undefined;
			this.#error = undefined;
			this.#emit({ kind: 'forgotten' });
		});
	}

	#serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(task);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	#requireUnlocked(): void {
		if (this.#state !== 'unlocked') throw new VaultError(this.#error ?? 'locked');
	}

	#requireRecord(): SealedVault {
		if (this.#mode !== 'stored') throw new VaultError('not_stored');
		if (this.#sealed === undefined) throw new VaultError('corrupt', 'the stored record did not parse');
		return this.#sealed;
	}

	/** Makes `next` the secrets; in stored mode the store must accept the re-sealed record first. */
	async #commit(next: Secrets): Promise<void> {
		if (this.#mode === 'session') {
			this.#secrets = next;
			return;
		}
		const unlocked = this.#unlocked;
		if (unlocked === undefined) throw new VaultError('locked');
		const epoch = this.#epoch;
		// Same salt and key, fresh IV (seal draws one): no 600,000-iteration derivation per edit.
		const sealed = await seal(unlocked.key, unlocked.salt, unlocked.iterations, next, this.#now());
		await this.#store.save(sealed);
		this.#sealed = sealed;
		// Locked meanwhile: the record holds the change; memory stays empty.
		if (epoch === this.#epoch) this.#secrets = next;
	}

	/** Drops every reference to decrypted material: the secrets, the CryptoKey, the idle timer. */
	#forget(): void {
		this.#secrets = {};
		this.#unlocked = undefined;
		this.#idle.cancel();
	}

	#autoLock(): void {
		if (this.#mode !== 'stored' || this.#state !== 'unlocked') return;
		this.#epoch++;
		this.#forget();
		this.#state = 'locked';
		this.#emit({ kind: 'auto_locked' });
	}

	/** Restarts the idle countdown; session keys have nothing to unlock with, so they never auto-lock. */
	#touch(): void {
		if (this.#mode !== 'stored' || this.#state !== 'unlocked') return;
		this.#idle.restart();
	}

	#emit(event: VaultEvent): void {
		if (this.#onChange === undefined) return;
		try {
			this.#onChange(event);
		} catch (e) {
			// A failing listener must not turn a completed change into a rejected call; report it on its own.
			queueMicrotask(() => {
				throw e;
			});
		}
	}
}
