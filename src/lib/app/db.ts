/** The page's database connection. Shared by every app service; pages never open their own. */
import { MlTrainerDb } from '../db/database';
import { logger } from '../security/logger';
import { engineStatus } from './engine-status.svelte';

export const db = new MlTrainerDb();

db.on('versionchange', () => {
	// A newer version of the app upgraded the schema in another tab: close and ask for a reload rather than
	// write with an outdated schema. The engine (when loaded) also stops its scheduler and frees the lock.
	db.close();
	engineStatus.upgradedElsewhere = true;
	logger.warn('the database was upgraded by a newer version in another tab; reload this tab');
	return false;
});

db.on('blocked', () => {
	engineStatus.blockedByOlderTab = true;
});
