/**
 * The header's backup badge and reminder (issue 13): refreshed on load, every few minutes and whenever the
 * Backup panel exports, imports or clears.
 */
import { backupAgeLabel, storageStatus, type StorageStatus } from '$lib/app/storage-status';

class BackupStatus {
	status = $state.raw<StorageStatus | null>(null);
	#now = $state(Date.now());
	readonly label = $derived(this.status ? backupAgeLabel(this.status.lastBackupAt, this.#now) : null);

	async refresh(): Promise<void> {
		try {
			const s = await storageStatus();
			this.#now = Date.now();
			this.status = s;
		} catch {
			// A failed read leaves the last known status: the badge is a hint, never a reason to break the page.
		}
	}
}

export const backupStatus = new BackupStatus();
