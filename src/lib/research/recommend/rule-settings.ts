/**
 * The recommendation rules of original-system §7.3 as user settings (zod: parsed, never cast), with the
 * original's values as defaults: 7–12 days target +3 %, stop −1.5 %, expiry 12 trading days; 50–70 days
 * target +8 %, stop −4 %, expiry 70; minimum probability 0.55; minimum risk/reward 2; ranking weights
 * 0.3 signal + 0.3 probability + 0.2 confidence + 0.2 min(R/R ÷ 5, 1).
 *
 * Two of the original's filters are kept as settings but OFF by default, because what they filtered no longer
 * exists: signal ≥ 0.7 and confidence ≥ 0.6 were thresholds on a "signal_strength" and "confidence" no model
 * produced; our signal and confidence are defined from the calibrated probability (rules.ts), on other scales.
 * Likewise the original's "expected return ≥ 1 %" was computed from its invented probability; ours applies to
 * the model's bias-corrected expected return (expected-return.ts) when the user sets it.
 */
import { z } from 'zod';

export const HORIZONS = ['short', 'long'] as const;
export type Horizon = (typeof HORIZONS)[number];

interface HorizonDefaults {
	readonly label: string;
	readonly target: number;
	readonly stop: number;
	readonly expiryDays: number;
}

export const HORIZON_DEFAULTS: Readonly<Record<Horizon, HorizonDefaults>> = {
	short: { label: '7–12 days', target: 0.03, stop: 0.015, expiryDays: 12 },
	long: { label: '50–70 days', target: 0.08, stop: 0.04, expiryDays: 70 }
};

const fraction = (name: string) =>
	z
		.number({ error: `${name} must be a number` })
		.gt(0, { error: `${name} must be above 0` })
		.lt(1, { error: `${name} must be below 1 (a fraction of the entry price)` });

const horizonRule = (d: HorizonDefaults, name: string) =>
	z
		.object({
			label: z.string().min(1).default(d.label),
			/** Target above the entry, as a fraction (0.03 = +3 %). */
			target: fraction(`${name}.target`).default(d.target),
			/** Stop below the entry, as a fraction (0.015 = −1.5 %). */
			stop: fraction(`${name}.stop`).default(d.stop),
			/** Trading days until the recommendation expires (the paper position's timeout). */
			expiryDays: z
				.number({ error: `${name}.expiryDays must be a number` })
				.int({ error: `${name}.expiryDays must be a whole number` })
				.min(1, { error: `${name}.expiryDays must be at least 1` })
				.max(500, { error: `${name}.expiryDays must be at most 500` })
				.default(d.expiryDays)
		})
		.default({ ...d });

const unit = (name: string, d: number) =>
	z
		.number({ error: `${name} must be a number` })
		.min(0, { error: `${name} must be at least 0` })
		.max(1, { error: `${name} must be at most 1` })
		.default(d);

export const COMPOSITE_DEFAULTS = {
	signal: 0.3,
	probability: 0.3,
	confidence: 0.2,
	riskReward: 0.2
} as const;

export const recommendationSettingsSchema = z.object({
	horizons: z
		.object({
			short: horizonRule(HORIZON_DEFAULTS.short, 'horizons.short'),
			long: horizonRule(HORIZON_DEFAULTS.long, 'horizons.long')
		})
		.default({ short: { ...HORIZON_DEFAULTS.short }, long: { ...HORIZON_DEFAULTS.long } }),
	/** Calibrated P(forward return > 0) at least this. */
	minProbability: z
		.number({ error: 'minProbability must be a number' })
		.min(0.5, { error: 'minProbability must be at least 0.5 (recommendations are long only)' })
		.max(1, { error: 'minProbability must be at most 1' })
		.default(0.55),
	/** (target − entry)/(entry − stop) at least this (up to RISK_REWARD_EPSILON). */
	minRiskReward: z
		.number({ error: 'minRiskReward must be a number' })
		.min(0, { error: 'minRiskReward must be at least 0' })
		.default(2),
	minSignal: unit('minSignal', 0),
	minConfidence: unit('minConfidence', 0),
	/** Minimum bias-corrected expected return (fraction); null = no such filter. */
	minExpectedReturn: z
		.number({ error: 'minExpectedReturn must be a number or null' })
		.nullable()
		.default(null),
	composite: z
		.object({
			signal: unit('composite.signal', COMPOSITE_DEFAULTS.signal),
			probability: unit('composite.probability', COMPOSITE_DEFAULTS.probability),
			confidence: unit('composite.confidence', COMPOSITE_DEFAULTS.confidence),
			riskReward: unit('composite.riskReward', COMPOSITE_DEFAULTS.riskReward)
		})
		.default({ ...COMPOSITE_DEFAULTS }),
	/** R/R at which the composite's R/R term saturates: min(R/R ÷ cap, 1). */
	riskRewardCap: z
		.number({ error: 'riskRewardCap must be a number' })
		.gt(0, { error: 'riskRewardCap must be above 0' })
		.default(5)
});

export type RecommendationSettings = z.infer<typeof recommendationSettingsSchema>;
export type RecommendationSettingsInput = z.input<typeof recommendationSettingsSchema>;

export const DEFAULT_RECOMMENDATION_SETTINGS: RecommendationSettings = recommendationSettingsSchema.parse({});
