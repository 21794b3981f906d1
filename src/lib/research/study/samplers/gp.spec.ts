import { describe, expect, it } from 'vitest';
import { createRng } from '../../../domain/random';
import type { Observation } from '../sampler';
import type { SearchSpace } from '../space';
import { bestValue, coords, randomSearchBest, runStudy, unitSpace } from './cmaes-objectives';
import { GP_SAMPLER_FIT_LIMITS, gpSampler } from './gp';
import { acquisitionValue } from './gp-acquisition';
import { fitHyper } from './gp-fit';
import fixture from './gp.fixture.json';
import { gpFit, gpLmlGrad, gpPredict, standardise, type GpData, type GpHyper } from './gp-kernel';
import { NEG_BRANIN_MAX, NEG_HARTMANN3_MAX, negBranin, negHartmann3 } from './gp-objectives';

/** |actual − expected| ≤ rtol · max(1, |expected|). */
function close(actual: number, expected: number, rtol: number, label = ''): void {
	expect(Math.abs(actual - expected), label).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(expected)));
}

type Case = (typeof fixture.cases)[number];
const dataOf = (c: Case): GpData => ({
	X: Float64Array.from(c.X),
	n: c.n,
	d: c.d,
	y: standardise(c.y).y
});
const hyperOf = (h: Case['hyper']): GpHyper => ({
	amplitude: h.amplitude,
	lengthScales: Float64Array.from(h.lengthScales),
	noise: h.noise
});

describe('the GP model against scikit-learn 1.2.1 GaussianProcessRegressor (gp.fixture.json)', () => {
	it.each(fixture.cases.map((c) => [c.name, c] as const))(
		'%s: at fixed hyperparameters the log marginal likelihood, its gradient and the posterior match (rtol 1e-8)',
		(_, c) => {
			// ConstantKernel·Matern(ν = 2.5) + WhiteKernel, alpha = 1e-10, normalize_y = True, optimizer = None.
			const data = dataOf(c);
			const hyper = hyperOf(c.hyper);
			const grad = new Float64Array(c.d + 2);
			close(gpLmlGrad(data, hyper, grad), c.fixed.lml, 1e-8, 'lml');
			// log_marginal_likelihood(theta, eval_gradient=True), in (log c, log ℓ…, log s)
			c.fixed.lmlGradient.forEach((g, i) => close(grad[i], g, 1e-7, `gradient ${i}`));
			const model = gpFit(data, hyper);
			if (!model) throw new Error('not positive definite');
			const { mean: ym, std: ys } = standardise(c.y);
			for (let t = 0; t < c.fixed.mean.length; t++) {
				const p = gpPredict(model, c.Xt.slice(t * c.d, (t + 1) * c.d));
				close(p.mean * ys + ym, c.fixed.mean[t], 1e-8, `mean ${t}`);
				// scikit-learn's std includes the WhiteKernel noise; ours is latent, so add s back.
				close(Math.sqrt(p.variance + hyper.noise) * ys, c.fixed.std[t], 1e-8, `std ${t}`);
			}
		}
	);

	it.each(fixture.cases.map((c) => [c.name, c] as const))(
		'%s: the fitted hyperparameters reach scikit-learn’s optimised log marginal likelihood (within 1e-6)',
		(_, c) => {
			// scikit-learn: L-BFGS-B, same bounds (GP_BOUNDS), 1 + 10 restarts, random_state 0. Ours: 3 starts, run
			// to convergence and with the sampler's limits; measured equal to ~1e-11 on all three cases.
			const full = fitHyper(dataOf(c), createRng(11).fork(c.name));
			const quick = fitHyper(dataOf(c), createRng(11).fork(c.name), GP_SAMPLER_FIT_LIMITS);
			expect(full.lml).toBeGreaterThanOrEqual(c.optimised.lml - 1e-6);
			expect(quick.lml).toBeGreaterThanOrEqual(c.optimised.lml - 1e-6);
			// the same optimum: hyperparameters within 1e-4 relative
			close(full.hyper.amplitude, c.optimised.amplitude, 1e-4, 'amplitude');
			c.optimised.lengthScales.forEach((l, k) =>
				close(full.hyper.lengthScales[k], l, 1e-4, `length scale ${k}`)
			);
			close(full.hyper.noise, c.optimised.noise, 1e-4, 'noise');
		}
	);
});

describe('acquisition functions (closed forms; Φ, φ from scipy 1.10 norm.cdf / norm.pdf)', () => {
	const ei = { kind: 'EI', kappa: 2.576, xi: 0.01 } as const;
	const pi = { ...ei, kind: 'PI' } as const;
	const ucb = { ...ei, kind: 'UCB' } as const;

	it('EI = (μ − best − ξ) Φ(z) + σ φ(z) with z = (μ − best − ξ)/σ', () => {
		// μ = 1, σ = 0.5, best = 0.8: z = 0.38, Φ = 0.6480273, φ = 0.3711539 → 0.19·Φ + 0.5·φ = 0.3087021
		close(acquisitionValue(ei, 1, 0.5, 0.8), 0.3087021252403239, 1e-12);
		// μ = 0.2, σ = 0.3, best = 0.9: z = −2.36667, far below the best: a small positive EI
		close(acquisitionValue(ei, 0.2, 0.3, 0.9), 0.0009019421952622649, 1e-12);
		close(acquisitionValue({ ...ei, xi: 0.1 }, -0.5, 2, 0), 0.5335224842344198, 1e-12);
		// σ = 0: the improvement itself, or nothing
		expect(acquisitionValue(ei, 1, 0, 0.5)).toBeCloseTo(0.49, 12);
		expect(acquisitionValue(ei, 0.4, 0, 0.5)).toBe(0);
	});

	it('PI = Φ(z), and UCB = μ + κσ', () => {
		close(acquisitionValue(pi, 1, 0.5, 0.8), 0.6480272924241628, 1e-12);
		close(acquisitionValue(pi, 0.2, 0.3, 0.9), 0.00897454529578302, 1e-10);
		expect(acquisitionValue(pi, 1, 0, 0.5)).toBe(1);
		expect(acquisitionValue(pi, 0.5, 0, 0.5)).toBe(0);
		expect(acquisitionValue(ucb, 1, 0.5, 99)).toBeCloseTo(1 + 2.576 * 0.5, 12);
	});
});

describe('the sampler', () => {
	const mean = (a: readonly number[]) => a.reduce((s, v) => s + v, 0) / a.length;

	it.each([
		['Branin', 2, negBranin, NEG_BRANIN_MAX],
		['Hartmann-3', 3, negHartmann3, NEG_HARTMANN3_MAX]
	] as const)(
		'GP-EI beats random search on %s at 30 trials on each of 10 seeds',
		(_, n, f, optimum) => {
			// Measured (this code, seeds 1–10): mean gap to the optimum GP-EI 0.040 vs random 2.40 (Branin),
			// 0.0063 vs 0.455 (Hartmann-3); GP-EI ahead on 10 of 10 seeds on both.
			const gp: number[] = [];
			const random: number[] = [];
			for (let seed = 1; seed <= 10; seed++) {
				const h = runStudy(gpSampler({ seed, acquisition: 'EI' }), unitSpace(n), (p) => f(coords(p, n)), 30);
				gp.push(optimum - bestValue(h));
				random.push(optimum - randomSearchBest(n, f, 30, seed));
				expect(gp[seed - 1], `seed ${seed}`).toBeLessThan(random[seed - 1]);
			}
			expect(mean(gp)).toBeLessThan(0.1 * mean(random));
		},
		120_000
	);

	const space = unitSpace(3);
	const history = runStudy(
		gpSampler({ seed: 3, acquisition: 'UCB' }),
		space,
		(p) => negHartmann3(coords(p, 3)),
		14
	);
	const ask = (h: readonly Observation[], seed = 3, acquisition: 'EI' | 'PI' | 'UCB' = 'UCB') =>
		gpSampler({ seed, acquisition }).sample({ space, history: h, number: 14, rng: createRng(0) });

	it('is deterministic for a seed and a history, whatever order the history is listed in', () => {
		const point = ask(history);
		expect(ask([...history].reverse())).toEqual(point);
		expect(ask(history, 4)).not.toEqual(point);
		expect(ask(history, 3, 'PI')).not.toEqual(point);
	});

	it('samples uniformly until nStartupTrials trials have values; failed and running trials do not count', () => {
		const s = gpSampler({ seed: 3, acquisition: 'EI', nStartupTrials: 10 });
		const nine = history.slice(0, 9);
		const withoutValues: Observation[] = [
			...nine,
			{ number: 9, params: history[9].params, value: null, state: 'failed' },
			{ number: 10, params: history[10].params, value: null, state: 'running' }
		];
		const a = s.sample({ space, history: withoutValues, number: 14, rng: createRng(0) });
		// the uniform draw does not depend on the history at all
		expect(s.sample({ space, history: [], number: 14, rng: createRng(0) })).toEqual(a);
		expect(s.sample({ space, history: history.slice(0, 10), number: 14, rng: createRng(0) })).not.toEqual(a);
	});

	it('refuses bad options, naming the field', () => {
		expect(() => gpSampler({ seed: 1, acquisition: 'XX' as 'EI' })).toThrow(/acquisition/);
		expect(() => gpSampler({ seed: 1, acquisition: 'EI', nStartupTrials: 1 })).toThrow(/nStartupTrials/);
		expect(() => gpSampler({ seed: 1, acquisition: 'EI', candidates: 0 })).toThrow(/candidates/);
		expect(() => gpSampler({ seed: 1, acquisition: 'UCB', kappa: -1 })).toThrow(/kappa/);
	});

	it('treats a categorical and an integer dimension as one cell-centred coordinate each and finds the best cell', () => {
		const mixed: SearchSpace = [
			{ kind: 'float', name: 'x', low: 0, high: 1, log: false },
			{ kind: 'int', name: 'k', low: 1, high: 5, log: false },
			{ kind: 'categorical', name: 'c', choices: ['a', 'b', 'c', 'd'] }
		];
		const f = (p: Record<string, unknown>) =>
			-(((p.x as number) - 0.3) ** 2) - 0.1 * ((p.k as number) - 4) ** 2 + (p.c === 'c' ? 0.5 : 0);
		const h = runStudy(gpSampler({ seed: 2, acquisition: 'EI' }), mixed, f, 30);
		for (const o of h) {
			expect([1, 2, 3, 4, 5]).toContain(o.params.k);
			expect(['a', 'b', 'c', 'd']).toContain(o.params.c);
		}
		const best = h.reduce((b, o) => ((o.value ?? -Infinity) > (b.value ?? -Infinity) ? o : b));
		expect([best.params.k, best.params.c]).toEqual([4, 'c']);
		expect(Math.abs((best.params.x as number) - 0.3)).toBeLessThan(0.1);
	});

	it('spends well under half a second of CPU per sample with 100 observations in 5 dimensions', () => {
		const s5 = unitSpace(5);
		const rng = createRng(9);
		const obs: Observation[] = Array.from({ length: 100 }, (_, i) => {
			const u = Array.from({ length: 5 }, () => rng.next());
			const value = Math.sin(5 * u[0]) + u[1] ** 2 - u[2] * u[3] + 0.1 * u[4];
			return {
				number: i,
				params: Object.fromEntries(u.map((v, k) => [`x${k}`, v])),
				value,
				state: 'complete'
			};
		});
		const sampler = gpSampler({ seed: 1, acquisition: 'EI' });
		sampler.sample({ space: s5, history: obs, number: 100, rng }); // warm-up (JIT)
		const reps = 3;
		const cpu0 = process.cpuUsage();
		const t0 = performance.now();
		for (let r = 0; r < reps; r++) sampler.sample({ space: s5, history: obs, number: 100 + r, rng });
		const ms = (performance.now() - t0) / reps;
		const cpu = process.cpuUsage(cpu0);
		const cpuMs = (cpu.user + cpu.system) / 1000 / reps;
		console.info(
			`gp sample, 100 observations in 5 dims: ${cpuMs.toFixed(1)} ms CPU, ${ms.toFixed(1)} ms wall`
		);
		// Measured ≈ 105 ms CPU per call (wall 255–286 ms with the 2-core box at load 8–9). The target is
		// < 200 ms on an idle core; the bound leaves room for a loaded test machine. CPU time is what a worker spends.
		expect(cpuMs).toBeLessThan(400);
	});
});
