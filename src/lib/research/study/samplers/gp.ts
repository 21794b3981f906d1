/**
 * Gaussian-process Bayesian optimisation sampler (catalog entry `bayesian_parameter_optimization`, its
 * `acquisition_function` EI, PI or UCB) over the unit cube of the space.
 *
 * Each call: the trials with a value (complete, or pruned with a value; failed and running trials are left out)
 * become points u = toUnit(params) — a categorical or integer dimension is one coordinate, the centre of its
 * value's cell, as the space maps it — and standardised values (mean 0, sd 1; maximised). A GP with
 * c·Matérn₅/₂ (one length scale per dimension) + noise is fitted by maximising the log marginal likelihood
 * (gp-fit.ts, limited per call by GP_SAMPLER_FIT_LIMITS), and the next point maximises the acquisition over: `candidates` seeded uniform points; 32
 * Gaussian perturbations (sd 0.1) of each of the five best observations; then three rounds of 32 perturbations
 * (sd 0.05, 0.015, 0.005) of the best candidate so far — every coordinate clipped to [0, 1] and snapped to its
 * cell centre for categorical and integer dimensions, so the GP scores what would be evaluated. Until
 * `nStartupTrials` trials have values the point is uniform. Randomness comes from the sampler's seed forked by
 * trial number (not from the request's generator), so the same seed and history give the same point.
 */
import { createRng, type Rng } from '../../../domain/random';
import type { Observation, SampleRequest, Sampler } from '../sampler';
import { fromUnit, paramsFromUnit, toUnit, type SearchSpace } from '../space';
import { acquisitionValue, type Acquisition, type AcquisitionOptions } from './gp-acquisition';
import { fitHyper, type FitLimits } from './gp-fit';
import { gpFit, gpPredict, standardise, type GpModel } from './gp-kernel';

export interface GpOptions {
	readonly seed: number;
	readonly acquisition: Acquisition;
	/** Trials with a value before the GP is used (uniform points until then); at least 2. */
	readonly nStartupTrials?: number;
	/** Uniform candidates per call. */
	readonly candidates?: number;
	/** UCB's κ; 2.576 is the two-sided 99 % normal quantile. */
	readonly kappa?: number;
	/** EI's and PI's margin ξ over the best standardised value. */
	readonly xi?: number;
	/** Starts of the hyperparameter ascent (the fixed one, then seeded ones). */
	readonly restarts?: number;
	/** Quasi-Newton steps of the hyperparameter ascent in all (the best start's). */
	readonly fitIterations?: number;
}

const ELITES = 5;
const PERTURBATIONS = 32;
const ELITE_SD = 0.1;
const REFINE_SDS = [0.05, 0.015, 0.005];
/**
 * The hyperparameter ascent per call: 3 starts of 6 steps each, then the best goes on to 30 steps in all, or
 * until a step gains < 1e-9 relative log likelihood. Enough to reach scikit-learn's optimum on the fixture cases
 * (gp.spec.ts) at about a third of the cost of running every start to convergence.
 */
export const GP_SAMPLER_FIT_LIMITS: Required<FitLimits> = {
	starts: 3,
	screenIterations: 6,
	maxIterations: 30,
	tolerance: 1e-9
};

function checkOptions(o: GpOptions): void {
	if (!Number.isFinite(o.seed)) throw new RangeError(`gp: seed must be a finite number, got ${o.seed}`);
	if (!['EI', 'PI', 'UCB'].includes(o.acquisition))
		throw new RangeError(`gp: acquisition must be EI, PI or UCB, got ${String(o.acquisition)}`);
	const whole = (name: string, v: number | undefined, min: number) => {
		if (v !== undefined && !(Number.isInteger(v) && v >= min))
			throw new RangeError(`gp: ${name} must be a whole number ≥ ${min}, got ${v}`);
	};
	whole('nStartupTrials', o.nStartupTrials, 2);
	whole('candidates', o.candidates, 1);
	whole('restarts', o.restarts, 1);
	whole('fitIterations', o.fitIterations, 1);
	if (o.kappa !== undefined && !(o.kappa >= 0)) throw new RangeError(`gp: kappa must be ≥ 0, got ${o.kappa}`);
	if (o.xi !== undefined && !(o.xi >= 0)) throw new RangeError(`gp: xi must be ≥ 0, got ${o.xi}`);
}

const valued = (o: Observation): boolean =>
	(o.state === 'complete' || o.state === 'pruned') && o.value !== null && Number.isFinite(o.value);

/** u clipped to the cube, with categorical and integer coordinates moved to their cell's centre. */
function snap(space: SearchSpace, u: Float64Array): Float64Array {
	return u.map((v, i) => {
		const x = Math.min(1, Math.max(0, v));
		const d = space[i];
		return d.kind === 'float' ? x : toUnit(d, fromUnit(d, x));
	});
}

/** The GP fitted to the valued trials, with the best standardised value; null when it cannot be fitted. */
export function fitStudyGp(
	space: SearchSpace,
	observations: readonly Observation[],
	rng: Rng,
	limits: FitLimits
): { model: GpModel; best: number } | null {
	const n = observations.length;
	const d = space.length;
	const X = new Float64Array(n * d);
	observations.forEach((o, i) => space.forEach((dim, k) => (X[i * d + k] = toUnit(dim, o.params[dim.name]))));
	const { y } = standardise(observations.map((o) => o.value as number));
	const data = { X, n, d, y };
	const { hyper } = fitHyper(data, rng, limits);
	const model = gpFit(data, hyper);
	return model ? { model, best: y.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY) } : null;
}

export function gpSampler(options: GpOptions): Sampler {
	checkOptions(options);
	const startup = options.nStartupTrials ?? 10;
	const count = options.candidates ?? 512;
	const acq: AcquisitionOptions = {
		kind: options.acquisition,
		kappa: options.kappa ?? 2.576,
		xi: options.xi ?? 0.01
	};
	const limits: FitLimits = {
		...GP_SAMPLER_FIT_LIMITS,
		starts: options.restarts ?? GP_SAMPLER_FIT_LIMITS.starts,
		maxIterations: options.fitIterations ?? GP_SAMPLER_FIT_LIMITS.maxIterations
	};
	const base = createRng(options.seed);
	return {
		name: `GP-${options.acquisition}`,
		sample({ space, history, number }: SampleRequest) {
			const rng = base.fork(`gp:${number}`);
			const uniform = () =>
				paramsFromUnit(
					space,
					snap(
						space,
						Float64Array.from(space, () => rng.next())
					)
				);
			const obs = history.filter(valued).sort((a, b) => a.number - b.number);
			if (space.length === 0 || obs.length < startup) return uniform();
			const fitted = fitStudyGp(space, obs, rng.fork('hyper'), limits);
			if (!fitted) return uniform();
			const { model, best } = fitted;
			const score = (u: Float64Array) => {
				const { mean, variance } = gpPredict(model, u);
				return acquisitionValue(acq, mean, Math.sqrt(variance), best);
			};
			let top: { u: Float64Array; s: number } = {
				u: new Float64Array(space.length),
				s: Number.NEGATIVE_INFINITY
			};
			const consider = (u: Float64Array) => {
				const s = score(u);
				if (s > top.s) top = { u, s };
			};
			const jitter = (centre: ArrayLike<number>, sd: number) =>
				snap(
					space,
					Float64Array.from(centre, (c) => c + sd * rng.normal())
				);
			for (let i = 0; i < count; i++)
				consider(
					snap(
						space,
						Float64Array.from(space, () => rng.next())
					)
				);
			const d = space.length;
			const elites = obs
				.map((o, i) => ({ i, v: o.value as number }))
				.sort((a, b) => b.v - a.v || a.i - b.i)
				.slice(0, ELITES);
			for (const { i } of elites)
				for (let k = 0; k < PERTURBATIONS; k++)
					consider(jitter(model.data.X.subarray(i * d, (i + 1) * d), ELITE_SD));
			for (const sd of REFINE_SDS) {
				const centre = top.u;
				for (let k = 0; k < PERTURBATIONS; k++) consider(jitter(centre, sd));
			}
			return paramsFromUnit(space, top.u);
		}
	};
}
