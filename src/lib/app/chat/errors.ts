/** The chat service's refusals: a code for tests and the page, and a message in words for the user. */
export type ChatErrorCode =
	| 'busy'
	| 'awaiting_decision'
	| 'budget_exhausted'
	| 'no_key'
	| 'locked'
	| 'empty'
	| 'refused'
	| 'secret'
	| 'invalid_loop'
	| 'loop_running'
	| 'no_conversation';

export class ChatError extends Error {
	constructor(
		readonly code: ChatErrorCode,
		message: string
	) {
		super(message);
		this.name = 'ChatError';
	}
}
