/**
 * Acquisition functions for maximisation, in closed form on the GP's standardised scale (Jones, Schonlau &
 * Welch 1998 for EI; Kushner 1964 for PI; Srinivas et al. 2010 for UCB). μ and σ are the posterior mean and
 * the latent standard deviation at a point; `best` is the largest standardised observation.
 *   EI  = (μ − best − ξ) Φ(z) + σ φ(z),  z = (μ − best − ξ)/σ   (max(μ − best − ξ, 0) when σ = 0)
 *   PI  = Φ(z)                                                    (1 if μ > best + ξ else 0 when σ = 0)
 *   UCB = μ + κ σ
 */
import { normalCdf } from '../../../models/stats/distributions';

export type Acquisition = 'EI' | 'PI' | 'UCB';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

export interface AcquisitionOptions {
	readonly kind: Acquisition;
	/** Exploration bonus of UCB, in posterior standard deviations. */
	readonly kappa: number;
	/** Margin of EI and PI over the best value, in standardised units. */
	readonly xi: number;
}

export function acquisitionValue(o: AcquisitionOptions, mean: number, sd: number, best: number): number {
	if (o.kind === 'UCB') return mean + o.kappa * sd;
	const gap = mean - best - o.xi;
	if (!(sd > 0)) return o.kind === 'EI' ? Math.max(gap, 0) : gap > 0 ? 1 : 0;
	const z = gap / sd;
	if (o.kind === 'PI') return normalCdf(z);
	return gap * normalCdf(z) + sd * INV_SQRT_TWO_PI * Math.exp(-0.5 * z * z);
}
