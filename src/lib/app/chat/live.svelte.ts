/**
 * What only this tab sees while a reply streams: the text so far per conversation, and the last error (with the
 * time before which the API asked not to try again, so the page can count down). Complete messages live in
 * IndexedDB; this is the in-between.
 */
export interface LiveError {
	readonly message: string;
	/** Epoch ms from the API's retry-after; null when it named no wait. */
	readonly retryAt: number | null;
}

class ChatLive {
	streaming = $state<Record<string, string>>({});
	errors = $state<Record<string, LiveError | null>>({});

	start(conversationId: string): void {
		this.streaming[conversationId] = '';
		this.errors[conversationId] = null;
	}

	append(conversationId: string, delta: string): void {
		this.streaming[conversationId] = (this.streaming[conversationId] ?? '') + delta;
	}

	text(conversationId: string): string {
		return this.streaming[conversationId] ?? '';
	}

	end(conversationId: string): void {
		delete this.streaming[conversationId];
	}

	fail(conversationId: string, message: string, retryAfterMs?: number, now = Date.now()): void {
		this.errors[conversationId] = {
			message,
			retryAt: retryAfterMs === undefined ? null : now + retryAfterMs
		};
	}

	clearError(conversationId: string): void {
		this.errors[conversationId] = null;
	}
}

export const chatLive = new ChatLive();

/** The error's text with its "try again in N s" brought up to date at `now` (or "you can try again now"). */
export function liveErrorText(error: LiveError, now: number): string {
	if (error.retryAt === null) return error.message;
	const left = Math.ceil((error.retryAt - now) / 1000);
	return error.message.replace(
		/try again in \d+ s/,
		left > 0 ? `try again in ${left} s` : 'you can try again now'
	);
}
