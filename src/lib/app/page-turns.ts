/**
 * Long work on the page's thread gives the page a turn now and then: a macrotask, so input, painting and timers
 * run. Awaiting a resolved promise is not enough — microtasks run before any of those — which is why a loop over
 * an async generator can hold the page for as long as it runs.
 */

/** Resolves after a macrotask turn. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A function to await between steps of long work: it gives the page a turn once `budgetMs` of work has passed
 * since the last one, and costs nothing otherwise.
 */
export function turnTaker(budgetMs = 25, now: () => number = () => performance.now()): () => Promise<void> {
	let last = now();
	return async () => {
		if (now() - last < budgetMs) return;
		await nextTurn();
		last = now();
	};
}
