/**
 * The chat reports a trial it proposed once the trial finishes, in whichever tab is open. Its watcher lives
 * with the chat code, which carries the Anthropic SDK (~100 KiB gzip): so every page watches only for a chat
 * tool call in state 'running' (a tiny query), and loads the chat's own watcher when there is one.
 */
import { liveQuery } from 'dexie';
import { db } from './db';
import { logger } from '../security/logger';

type ChatModule = { watchChatTrials(): () => void };

/** Starts watching; returns the function that stops whichever watcher runs. */
export function watchChatTrialsWhenNeeded(
	load: () => Promise<ChatModule> = () => import('./chat')
): () => void {
	let stopped = false;
	let loading = false;
	let stopChatWatch: (() => void) | null = null;
	// A running loop needs the watcher too: its wall-time budget runs out with nothing else happening.
	const sub = liveQuery(
		async () =>
			(await db.toolCalls.where('state').equals('running').count()) +
			(await db.loops.where('status').equals('running').count())
	).subscribe({
		next: (running) => {
			if (running === 0 || loading) return;
			loading = true;
			load().then(
				(chat) => {
					if (stopped) return;
					// The chat's watcher takes over (it reports finished calls at once); this one is no longer needed.
					sub.unsubscribe();
					stopChatWatch = chat.watchChatTrials();
				},
				(e: unknown) => {
					loading = false;
					logger.error('the chat could not be loaded to report a finished trial', e);
				}
			);
		},
		error: (e: unknown) => logger.error('watching chat trials failed', e)
	});
	return () => {
		stopped = true;
		sub.unsubscribe();
		stopChatWatch?.();
	};
}
