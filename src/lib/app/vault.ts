/**
 * The app's key vault: one per page, over the `secrets` table (ciphertext only). Key changes are audited by
 * name, never by value. The idle lock comes from settings when the page starts.
 */
import { appendAudit } from '../db/audit-log';
import { KeyVault, type SecretName, type VaultEvent, type VaultStore } from '../security/vault';
import { sealedVaultSchema } from '../security/vault-crypto';
import { db } from './db';
import { logger, setKnownSecrets } from '../security/logger';
import { loadSettings } from './settings';

const RECORD_ID = 'vault';

const store: VaultStore = {
	load: () => db.secrets.get(RECORD_ID),
	save: async (record) => {
		await db.secrets.put(
			sealedVaultSchema.parse(record) as unknown as { id: string } & Record<string, unknown>
		);
	},
	clear: () => db.secrets.delete(RECORD_ID)
};

export const SECRET_LABELS: Readonly<Record<SecretName, string>> = {
	polygon: 'Polygon.io / Massive API key',
	anthropic: 'Anthropic API key',
	fred: 'FRED API key (sent only to your FRED relay)'
};

function describe(e: VaultEvent): string {
	switch (e.kind) {
		case 'set':
			return `${SECRET_LABELS[e.name]} saved`;
		case 'removed':
			return `${SECRET_LABELS[e.name]} removed`;
		case 'locked':
			return 'Vault locked';
		case 'auto_locked':
			return 'Vault locked after being idle';
		case 'unlocked':
			return 'Vault unlocked';
		case 'storage_enabled':
			return 'Keys stored encrypted with a passphrase';
		case 'storage_disabled':
			return 'Keys kept for this session only; stored copy deleted';
		case 'passphrase_changed':
			return 'Vault passphrase changed';
		case 'forgotten':
			return 'All keys forgotten';
	}
}

const listeners = new Set<() => void>();

function onChange(e: VaultEvent): void {
	for (const l of listeners) l();
	void appendAudit(db, {
		type: 'vault.changed',
		subject: 'name' in e ? e.name : 'vault',
		summary: describe(e),
		detail: 'name' in e ? { kind: e.kind, name: e.name } : { kind: e.kind }
	}).catch((err: unknown) => logger.error('audit of a vault change failed', err));
}

let vaultPromise: Promise<KeyVault> | null = null;

/** The page's vault, initialised from storage on first use. */
export function getVault(): Promise<KeyVault> {
	vaultPromise ??= (async () => {
		const settings = await loadSettings(db);
		const vault = new KeyVault({ store, idleMs: settings.vaultIdleMinutes * 60_000, onChange });
		await vault.init();
		setKnownSecrets(() => vault.names().flatMap((n) => vault.get(n) ?? []));
		for (const l of listeners) l();
		return vault;
	})();
	return vaultPromise;
}

/** Called on every vault change (including auto-lock), so UI state can refresh. */
export function onVaultChange(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
