/**
 * The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio & Kégl, "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011) as Optuna 3.x's TPESampler runs it by default: independent (univariate) per
 * dimension, random for the first `nStartupTrials` observations, then the best γ(n) observations form l(x)
 * and the rest g(x); `nEiCandidates` draws from l, and the one with the largest log l(x) − log g(x) wins
 * (Optuna's acquisition −logaddexp(log q, log(1 − q) + log g − log l) orders candidates the same way).
 *
 * Observations: complete trials with a finite value, then pruned trials with one, ranked below every complete
 * (Optuna's `_split_trials`); failed, running and valueless trials are ignored. Warm start: `request.prior`
 * (earlier studies of the same model and dataset) joins as older observations whose weights are multiplied by
 * `priorWeight`, and counts toward the startup (as Optuna's study.add_trials would).
 */
import type { Rng } from '../../../domain/random';
import type { Observation, Sampler, SampleRequest } from '../sampler';
import { fromUnit, paramsFromUnit, toUnit, type Dimension, type ParamValue } from '../space';
import {
	categoricalParzen,
	categoricalSample,
	numericParzen,
	parzenLogScore,
	parzenSample,
	type ParzenOptions
} from './parzen';
import { uniformPoint } from './random';

/** Optuna's default_gamma: the top 10 % of observations, at most 25. */
export function defaultGamma(n: number): number {
	return Math.min(Math.ceil(0.1 * n), 25);
}

/** Most recent observations at full weight (Bergstra et al. 2013's "forgetting"). */
const FLAT_WEIGHTS = 25;

/** Optuna's default_weights: 1 for the most recent 25 observations, a ramp from 1/n up to 1 before them. */
export function defaultWeights(n: number): Float64Array {
	const w = new Float64Array(n).fill(1);
	if (n < FLAT_WEIGHTS) return w;
	const ramp = n - FLAT_WEIGHTS;
	// numpy.linspace(1/n, 1, ramp): endpoints included; a single point is the start.
	for (let i = 0; i < ramp; i++) w[i] = ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1);
	return w;
}

export interface TpeOptions {
	/** Random trials before TPE takes over (Optuna 10); prior observations count toward them. */
	readonly nStartupTrials?: number;
	/** Draws from l(x) compared per dimension (Optuna 24). */
	readonly nEiCandidates?: number;
	/** How many of n observations form l(x) (default {@link defaultGamma}). */
	readonly gamma?: (n: number) => number;
	/** Weight factor of the warm-start observations (request.prior), in (0, 1]; default 0.5. */
	readonly priorWeight?: number;
	/** Weight of the Parzen estimators' prior component (Optuna's prior_weight, default 1). */
	readonly parzenPriorWeight?: number;
	/** Optuna's consider_endpoints (default false). */
	readonly considerEndpoints?: boolean;
}

export const TPE_DEFAULTS = {
	nStartupTrials: 10,
	nEiCandidates: 24,
	priorWeight: 0.5,
	parzenPriorWeight: 1,
	considerEndpoints: false
} as const;

export interface Ranked {
	readonly obs: Observation;
	readonly value: number;
	readonly weightFactor: number;
	/** 0 = prior, 1 = this study: prior observations are older. */
	readonly age: number;
	/** Position in its list (the prior's own order; the history is in trial-number order). */
	readonly index: number;
}

/** Completes by value (best first), then pruned by value; ties keep the older first. */
export function rankObservations(
	history: readonly Observation[],
	prior: readonly Observation[],
	priorWeight: number
): Ranked[] {
	const rows: Ranked[] = [];
	const add = (list: readonly Observation[], weightFactor: number, age: number) => {
		list.forEach((obs, index) => {
			const finished = obs.state === 'complete' || obs.state === 'pruned';
			if (finished && obs.value !== null && Number.isFinite(obs.value))
				rows.push({ obs, value: obs.value, weightFactor, age, index });
		});
	};
	add(prior, priorWeight, 0);
	add(history, 1, 1);
	const rank = (r: Ranked) => (r.obs.state === 'complete' ? 0 : 1);
	return rows.sort((a, b) => rank(a) - rank(b) || b.value - a.value);
}

/** Oldest first: the prior in its order, then this study in trial-number order. */
function byAge(rows: Ranked[]): Ranked[] {
	return [...rows].sort((a, b) => a.age - b.age || a.index - b.index);
}

/** The observation's coordinate in the unit interval, or null when its value is not in this dimension. */
function unitOf(d: Dimension, value: ParamValue | undefined): number | null {
	if (value === undefined) return null;
	if (d.kind === 'categorical') return d.choices.includes(value) ? d.choices.indexOf(value) : null;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < d.low || value > d.high) return null;
	return toUnit(d, value);
}

/** One group's coordinates and weights (default_weights over the group's usable rows, times the factor). */
function group(d: Dimension, rows: Ranked[]): { xs: number[]; weights: number[] } {
	const usable = rows.flatMap((r) => {
		const x = unitOf(d, r.obs.params[d.name]);
		return x === null ? [] : [{ x, factor: r.weightFactor }];
	});
	const base = defaultWeights(usable.length);
	return { xs: usable.map((u) => u.x), weights: usable.map((u, i) => base[i] * u.factor) };
}

function sampleDimension(
	d: Dimension,
	below: Ranked[],
	above: Ranked[],
	options: Required<Omit<TpeOptions, 'gamma'>>,
	rng: Rng
): ParamValue {
	const l = group(d, below);
	const g = group(d, above);
	let best = -Infinity;
	if (d.kind === 'categorical') {
		const k = d.choices.length;
		const pl = categoricalParzen(l.xs, l.weights, k, options.parzenPriorWeight);
		const pg = categoricalParzen(g.xs, g.weights, k, options.parzenPriorWeight);
		let choice = 0;
		for (let c = 0; c < options.nEiCandidates; c++) {
			const i = categoricalSample(pl, rng);
			const score = Math.log(pl[i]) - Math.log(pg[i]);
			if (score > best) [best, choice] = [score, i];
		}
		return d.choices[choice];
	}
	const parzen: ParzenOptions = {
		priorWeight: options.parzenPriorWeight,
		considerEndpoints: options.considerEndpoints,
		considerMagicClip: true
	};
	// A linear integer range is discrete (a value's probability is its cell's mass); log integers and floats
	// are continuous on the unit interval, as Optuna treats them.
	const cells = d.kind === 'int' && !d.log ? d.high - d.low + 1 : 0;
	const pl = numericParzen(l.xs, l.weights, parzen, cells);
	const pg = numericParzen(g.xs, g.weights, parzen, cells);
	let pickU = 0.5;
	for (let c = 0; c < options.nEiCandidates; c++) {
		const u = parzenSample(pl, rng);
		const score = parzenLogScore(pl, u) - parzenLogScore(pg, u);
		if (score > best) [best, pickU] = [score, u];
	}
	return fromUnit(d, pickU);
}

function wholeNumber(name: string, v: number): number {
	if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${v}`);
	return v;
}

export function tpeSampler(options: TpeOptions = {}): Sampler {
	const o = {
		nStartupTrials: wholeNumber('nStartupTrials', options.nStartupTrials ?? TPE_DEFAULTS.nStartupTrials),
		nEiCandidates: wholeNumber('nEiCandidates', options.nEiCandidates ?? TPE_DEFAULTS.nEiCandidates),
		priorWeight: options.priorWeight ?? TPE_DEFAULTS.priorWeight,
		parzenPriorWeight: options.parzenPriorWeight ?? TPE_DEFAULTS.parzenPriorWeight,
		considerEndpoints: options.considerEndpoints ?? TPE_DEFAULTS.considerEndpoints
	};
	if (o.nEiCandidates < 1) throw new RangeError(`nEiCandidates must be at least 1, got ${o.nEiCandidates}`);
	if (!(o.priorWeight > 0 && o.priorWeight <= 1))
		throw new RangeError(`priorWeight must lie in (0, 1], got ${o.priorWeight}`);
	if (!(o.parzenPriorWeight > 0 && Number.isFinite(o.parzenPriorWeight)))
		throw new RangeError(`parzenPriorWeight must be a positive number, got ${o.parzenPriorWeight}`);
	const gamma = options.gamma ?? defaultGamma;
	return {
		name: 'tpe',
		sample(request: SampleRequest) {
			const { space, history, rng } = request;
			const rows = rankObservations(history, request.prior ?? [], o.priorWeight);
			// Optuna counts every complete and pruned trial toward the startup, with a value or not.
			const finished =
				history.filter((h) => h.state === 'complete' || h.state === 'pruned').length +
				rows.filter((r) => r.age === 0).length;
			if (finished < o.nStartupTrials || rows.length === 0)
				return paramsFromUnit(space, uniformPoint(space, rng));
			const nBelow = Math.max(0, Math.min(rows.length, Math.floor(gamma(rows.length))));
			const below = byAge(rows.slice(0, nBelow));
			const above = byAge(rows.slice(nBelow));
			const out: Record<string, ParamValue> = {};
			for (const d of space) out[d.name] = sampleDimension(d, below, above, o, rng);
			return out;
		}
	};
}
