/**
 * Topics of a chat message, for search and for choosing which older messages go back into the prompt
 * (original-system §3.10c). A topic is `kind:id`:
 *   - `model:<catalog id>`  a catalog model named by its id, its name or a common alias ("random forest",
 *                           "XGBoost", "neural network" → model:feedforward_mlp);
 *   - `term:<id>`           a finance term ("Sharpe", "max drawdown", "VaR" → term:var);
 *   - `symbol:<SYMBOL>`     a market symbol, upper-case as markets write it (research/goal-symbols.ts).
 * The original matched substrings, so "various" was tagged "var" and "returned" "return"; here every phrase
 * matches whole words only. Pure: no I/O.
 */
import { CATALOG } from '../catalog/catalog';
import { extractSymbols } from '../research/goal-symbols';

export type TopicKind = 'model' | 'term' | 'symbol';

/** Lower-case words separated by single spaces and padded with one, with British spellings folded. */
function words(text: string): string {
	const folded = text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/optimis/g, 'optimiz')
		.replace(/neighbour/g, 'neighbor')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
	return ` ${folded} `;
}

// ── Finance terms ──────────────────────────────────────────────────────────────────────────────────────────

// Phrases in the folded form of words(); a final "s" or "es" is allowed by the matcher. "option" alone is
// everyday English ("another option"), so options need a trading word next to them.
const TERMS: Readonly<Record<string, readonly string[]>> = {
	sharpe: ['sharpe'],
	sortino: ['sortino'],
	calmar: ['calmar'],
	drawdown: ['drawdown', 'draw down', 'max dd', 'mdd'],
	momentum: ['momentum'],
	mean_reversion: ['mean reversion', 'mean reverting', 'mean revert'],
	volatility: ['volatility', 'volatilities'],
	var: ['var', 'value at risk'],
	expected_shortfall: ['expected shortfall', 'cvar', 'conditional value at risk'],
	options: [
		'call option',
		'put option',
		'option chain',
		'options chain',
		'option pricing',
		'options pricing',
		'option price',
		'option premium',
		'options trading',
		'option greek',
		'implied volatility',
		'strike price'
	],
	portfolio: ['portfolio'],
	black_scholes: ['black scholes'],
	hit_rate: ['hit rate', 'hit ratio', 'win rate', 'directional accuracy'],
	information_coefficient: ['information coefficient', 'rank ic'],
	returns: ['return'],
	stop_loss: ['stop loss', 'stoploss', 'trailing stop'],
	trend_following: ['trend following', 'trend follower'],
	breakout: ['breakout'],
	backtest: ['backtest', 'back test', 'backtesting', 'backtested'],
	walk_forward: ['walk forward'],
	transaction_costs: ['transaction cost', 'trading cost', 'slippage', 'commission'],
	overfitting: ['overfitting', 'overfit', 'look ahead bias', 'lookahead bias', 'data snooping'],
	position_sizing: ['position sizing', 'position size', 'kelly'],
	regime: ['regime'],
	turnover: ['turnover']
};

const alternation = (phrases: Iterable<string>): string =>
	[...phrases]
		.sort((a, b) => b.length - a.length)
		.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('|');
// Between spaces, with an optional plural: words() pads the text, so a space is a word boundary.
const phraseRegex = (phrases: Iterable<string>, flags: string): RegExp =>
	new RegExp(`(?<= )(?:${alternation(phrases)})(?:e?s)?(?= )`, flags);

const TERM_RULES: readonly (readonly [string, RegExp])[] = Object.entries(TERMS).map(([id, phrases]) => [
	id,
	phraseRegex(phrases, '')
]);
// "IC" is a term only when written in capitals: the lower-case pair of letters is too common in folded text.
const IC_UPPER = /(?<![\w$^:])IC(?![\w:])/;

function termsIn(folded: string, original: string): string[] {
	const hits = TERM_RULES.map(([id, rx]) => ({ id, at: folded.search(rx) })).filter((h) => h.at >= 0);
	if (IC_UPPER.test(original) && !hits.some((h) => h.id === 'information_coefficient'))
		hits.push({ id: 'information_coefficient', at: Number.MAX_SAFE_INTEGER });
	return hits.sort((a, b) => a.at - b.at).map((h) => h.id);
}

// ── Catalog models ─────────────────────────────────────────────────────────────────────────────────────────

// Common names the catalog does not spell out. They win over derived phrases of the same text.
export const MODEL_ALIASES: Readonly<Record<string, string>> = {
	'neural network': 'feedforward_mlp',
	'neural net': 'feedforward_mlp',
	mlp: 'feedforward_mlp',
	'multilayer perceptron': 'feedforward_mlp',
	'multi layer perceptron': 'feedforward_mlp',
	'gradient boosted trees': 'gradient_boosting',
	'gradient boosted tree': 'gradient_boosting',
	gbm: 'gradient_boosting',
	'xg boost': 'xgboost',
	'light gbm': 'lightgbm',
	'cat boost': 'catboost',
	knn: 'k_nearest_neighbors',
	'k nn': 'k_nearest_neighbors',
	svm: 'svr',
	'support vector machine': 'svr',
	ols: 'linear_regression',
	'k means': 'kmeans_clustering',
	kmeans: 'kmeans_clustering',
	adaboost: 'boosted_trees_ensemble',
	ppo: 'proximal_policy_optimization',
	tft: 'temporal_fusion_transformer',
	'holt winters': 'exponential_smoothing',
	'bollinger band': 'bollinger_breakout_model',
	vwap: 'volume_weighted_price',
	'risk parity': 'dynamic_risk_parity_model',
	markowitz: 'markowitz_mean_variance_optimizer',
	'mean variance': 'markowitz_mean_variance_optimizer',
	kpss: 'adf_kpss_tests',
	'augmented dickey fuller': 'adf_kpss_tests',
	'hidden markov': 'hidden_markov_model'
};
// Derived phrases that name something else more often than the model: "roc" is the ROC curve, "stochastic"
// qualifies gradient descent and volatility, "fractal" is an adjective. (No alias "hmm": it is an interjection.)
const DERIVED_SKIP = new Set(['roc', 'stochastic', 'fractal']);
// A whole phrase that is a finance term ("value at risk", "maximum drawdown") is a term, not a model name.
const WHOLE_TERMS = TERM_RULES.map(([, rx]) => new RegExp(`^ (?:${rx.source}) $`));

/** Phrase → catalog id, from each entry's id and name (parentheses dropped) and the aliases above. */
function modelPhrases(): Map<string, string> {
	const owners = new Map<string, Set<string>>();
	for (const entry of CATALOG) {
		const id = entry.id.replace(/_models?$/, '');
		for (const raw of [id, entry.name.replace(/\s*\([^)]*\)/g, '')]) {
			const phrase = words(raw).trim();
			if (phrase.length < 3 || DERIVED_SKIP.has(phrase)) continue;
			if (WHOLE_TERMS.some((rx) => rx.test(` ${phrase} `))) continue;
			owners.set(phrase, (owners.get(phrase) ?? new Set()).add(entry.id));
		}
	}
	const phrases = new Map<string, string>();
	// A phrase shared by two entries ("gradient boosted trees" for XGBoost and LightGBM) names neither.
	for (const [phrase, ids] of owners) if (ids.size === 1) phrases.set(phrase, [...ids][0]);
	for (const [phrase, id] of Object.entries(MODEL_ALIASES)) phrases.set(phrase, id);
	return phrases;
}

const MODEL_PHRASES = modelPhrases();
// Longest alternative first, so "graph neural network" is one model and not also a "neural network".
const MODEL_REGEX = phraseRegex(MODEL_PHRASES.keys(), 'g');

function modelOf(match: string): string | undefined {
	return (
		MODEL_PHRASES.get(match) ??
		MODEL_PHRASES.get(match.replace(/s$/, '')) ??
		MODEL_PHRASES.get(match.replace(/es$/, ''))
	);
}

function modelsIn(folded: string): string[] {
	const ids: string[] = [];
	for (const m of folded.matchAll(MODEL_REGEX)) {
		const id = modelOf(m[0]);
		if (id !== undefined) ids.push(id);
	}
	return ids;
}

/** Topics of a text: models, then terms, then symbols, each in order of first appearance, without repeats. */
export function extractTopics(text: string): string[] {
	if (typeof text !== 'string' || text.trim() === '') return [];
	const folded = words(text);
	return [
		...new Set([
			...modelsIn(folded).map((id) => `model:${id}`),
			...termsIn(folded, text).map((id) => `term:${id}`),
			...extractSymbols(text).map((s) => `symbol:${s}`)
		])
	];
}
