/** Token usage, read from every response: per conversation and per calendar month (UTC), against the budget. */
import { db } from '../db';

export function monthOf(t: number): string {
	return new Date(t).toISOString().slice(0, 7);
}

export async function addUsage(
	conversationId: string,
	inputTokens: number,
	outputTokens: number,
	now = Date.now()
) {
	const month = monthOf(now);
	await db.transaction('rw', db.usage, db.conversations, async () => {
		const u = (await db.usage.get(month)) ?? { month, inputTokens: 0, outputTokens: 0, calls: 0 };
		await db.usage.put({
			month,
			inputTokens: u.inputTokens + inputTokens,
			outputTokens: u.outputTokens + outputTokens,
			calls: u.calls + 1
		});
		const c = await db.conversations.get(conversationId);
		if (c)
			await db.conversations.update(conversationId, {
				inputTokens: c.inputTokens + inputTokens,
				outputTokens: c.outputTokens + outputTokens
			});
	});
}

/** Tokens left this month (negative when overspent by the last reply). */
export async function budgetLeft(budget: number, now = Date.now()): Promise<number> {
	const u = await db.usage.get(monthOf(now));
	return budget - (u ? u.inputTokens + u.outputTokens : 0);
}
