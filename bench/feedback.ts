/**
 * The feedback manager over 10,000 stored trials (issue 11's bench target: the Feedback page and the leaderboard
 * query in ≤ 50 ms): computeFeedback (the original's §3.9 replay, insights, per-model statistics) and the
 * leaderboard, each the best of 5 warm runs, on generated trial records over 20 models × 10 series with seeded
 * Sharpe ratios and 10 % failed (record shapes only, never market data).
 * Run: npx tsx bench/feedback.ts
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../src/lib/domain/random';
import { computeFeedback } from '../src/lib/research/feedback';
import { leaderboard } from '../src/lib/research/leaderboard';
import { fixtureTrial } from '../src/lib/testing/feedback-fixtures';

const N = 10_000;
const T0 = Date.UTC(2024, 0, 1);
const rng = createRng(11);
const trials = Array.from({ length: N }, (_, i) => {
	const t = fixtureTrial(`t${i}`, T0 + i * 60_000, {
		model: `m${rng.int(20)}`,
		status: rng.next() < 0.1 ? 'failed' : 'completed',
		sharpe: rng.normal(),
		datasetId: `S${rng.int(10)}`
	});
	return t;
});

function best(f: () => unknown): number {
	let min = Infinity;
	for (let i = 0; i < 6; i++) {
		const start = performance.now();
		f();
		const ms = performance.now() - start;
		if (i > 0) min = Math.min(min, ms); // the first run warms up
	}
	return min;
}

const out = (name: string, value: number, note: string) =>
	console.log(JSON.stringify({ name, value: Number(value.toFixed(1)), unit: 'ms', note }));
out(
	'feedback.compute_10k',
	best(() => computeFeedback(trials)),
	`computeFeedback over ${N} trials; target ≤ 50 ms`
);
out(
	'feedback.leaderboard_10k',
	best(() => leaderboard(trials)),
	`leaderboard over ${N} trials; target ≤ 50 ms`
);
