/**
 * Live progress of running folds (fraction of epochs or trees done), straight from worker heartbeats. It is
 * in-memory only: durable progress is the job table; this adds the within-fold detail.
 */
import { SvelteMap } from 'svelte/reactivity';

class FoldProgress {
	readonly #byTrial = new SvelteMap<string, ReadonlyMap<number, number>>();

	set(trialId: string, fold: number, fraction: number): void {
		// A plain Map as an immutable snapshot: replaced, never mutated, so the SvelteMap entry change is the signal.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const next = new Map(this.#byTrial.get(trialId) ?? []);
		if (fraction >= 1) next.delete(fold);
		else next.set(fold, fraction);
		this.#byTrial.set(trialId, next);
	}

	/** Sum of the fractions of this trial's running folds (0 when none runs here). */
	partial(trialId: string): number {
		let s = 0;
		for (const f of this.#byTrial.get(trialId)?.values() ?? []) s += f;
		return s;
	}

	running(trialId: string): ReadonlyMap<number, number> {
		return this.#byTrial.get(trialId) ?? new Map();
	}
}

export const progress = new FoldProgress();
