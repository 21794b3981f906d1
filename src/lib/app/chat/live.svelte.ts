/**
 * What only this tab sees while a reply streams: the text so far per conversation, and the last error. Complete
 * messages live in IndexedDB; this is the in-between.
 */
class ChatLive {
	streaming = $state<Record<string, string>>({});
	errors = $state<Record<string, string | null>>({});

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

	fail(conversationId: string, message: string): void {
		this.errors[conversationId] = message;
	}

	clearError(conversationId: string): void {
		this.errors[conversationId] = null;
	}
}

export const chatLive = new ChatLive();
