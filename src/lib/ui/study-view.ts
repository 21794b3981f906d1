/**
 * What the study page draws, as plain data: the best trial, the optimisation history with best-so-far, slice
 * plots (objective against each parameter) and the parallel-coordinates lines. Only complete trials with an
 * objective count; pruned and failed trials are shown in the table, not scored.
 */
import type { StudyRecord, StudyTrial } from '../app/study-types';
import { better } from '../research/study/objective';
import { pedAnova, type PedAnovaResult } from '../research/importance';
import { bestOf, observationsOf, studyPlan } from '../research/study/plan';
import { toUnit, type Dimension } from '../research/study/space';

const scored = (t: StudyTrial): boolean =>
	t.state === 'complete' && t.value !== null && Number.isFinite(t.value);

/** The best complete trial in the objective's direction (the earliest on a tie); null before any. */
export function bestTrial(s: StudyRecord): StudyTrial | null {
	return bestOf(s.trials, s.spec.objective.direction);
}

export interface History {
	/** Trial numbers, 1-based, of every trial (NaN value where not scored). */
	readonly x: Float64Array;
	readonly value: Float64Array;
	readonly bestSoFar: Float64Array;
}

export function historyOf(s: StudyRecord): History {
	const n = s.trials.length;
	const x = Float64Array.from({ length: n }, (_, i) => s.trials[i].number + 1);
	const value = Float64Array.from(s.trials, (t) => (scored(t) ? (t.value as number) : Number.NaN));
	const bestSoFar = new Float64Array(n).fill(Number.NaN);
	let best = Number.NaN;
	for (let i = 0; i < n; i++) {
		if (better(value[i], best, s.spec.objective.direction)) best = value[i];
		bestSoFar[i] = best;
	}
	return { x, value, bestSoFar };
}

export interface Slice {
	readonly name: string;
	/** Parameter values (categoricals as their index among the choices) and objective values. */
	readonly x: Float64Array;
	readonly y: Float64Array;
	readonly choices: readonly string[] | null;
	readonly log: boolean;
}

function dimensions(s: StudyRecord): readonly Dimension[] {
	try {
		return studyPlan(s.spec).space;
	} catch {
		return [];
	}
}

/** One slice per searched parameter over the complete trials. */
export function slicesOf(s: StudyRecord): Slice[] {
	const done = s.trials.filter(scored);
	return dimensions(s).map((d) => ({
		name: d.name,
		x: Float64Array.from(done, (t) => {
			const v = t.params[d.name];
			if (d.kind === 'categorical') return d.choices.indexOf(v ?? null);
			return typeof v === 'number' ? (d.log ? Math.log10(v) : v) : Number.NaN;
		}),
		y: Float64Array.from(done, (t) => t.value as number),
		choices: d.kind === 'categorical' ? d.choices.map(String) : null,
		log: d.kind !== 'categorical' && d.log
	}));
}

export interface Parallel {
	readonly axes: readonly { name: string; low: string; high: string }[];
	/** One line per complete trial: each parameter on [0, 1] (its unit cell), then the objective scaled to [0, 1]. */
	readonly lines: readonly { number: number; points: readonly number[]; value: number }[];
	readonly valueRange: readonly [number, number];
}

export function parallelOf(s: StudyRecord): Parallel {
	const dims = dimensions(s);
	const done = s.trials.filter(scored);
	const values = done.map((t) => t.value as number);
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	const span = hi > lo ? hi - lo : 1;
	return {
		axes: [
			...dims.map((d) => ({
				name: d.name,
				low: d.kind === 'categorical' ? String(d.choices[0]) : String(d.low),
				high: d.kind === 'categorical' ? String(d.choices[d.choices.length - 1]) : String(d.high)
			})),
			{
				name: s.spec.objective.metric,
				low: Number.isFinite(lo) ? lo.toPrecision(3) : '',
				high: Number.isFinite(hi) ? hi.toPrecision(3) : ''
			}
		],
		lines: done.map((t) => ({
			number: t.number,
			points: [...dims.map((d) => toUnit(d, t.params[d.name] ?? null)), ((t.value as number) - lo) / span],
			value: t.value as number
		})),
		valueRange: [lo, hi]
	};
}

/** Trials best first (complete by objective, then pruned, running and failed by number). */
export function leaderboardOf(s: StudyRecord): StudyTrial[] {
	const dir = s.spec.objective.direction;
	const rank = (t: StudyTrial) => (scored(t) ? 0 : t.state === 'pruned' ? 1 : t.state === 'running' ? 2 : 3);
	return [...s.trials].sort((a, b) => {
		const ra = rank(a);
		const rb = rank(b);
		if (ra !== rb) return ra - rb;
		if (ra === 0 && a.value !== b.value) return better(a.value as number, b.value as number, dir) ? -1 : 1;
		return a.number - b.number;
	});
}

/**
 * Which parameters mattered for reaching the study's best results (PED-ANOVA over the complete trials), or why
 * that cannot be said yet.
 */
export function importanceOf(s: StudyRecord): PedAnovaResult {
	const dims = dimensions(s);
	const observations = observationsOf(
		s.trials.filter((t) => t.state === 'complete'),
		s.spec.objective.direction
	);
	return pedAnova(dims, observations);
}
