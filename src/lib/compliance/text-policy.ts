/**
 * The text policy of the compliance gateway: may a goal or a chat request go ahead? It refuses what the product
 * will never do (ARCHITECTURE §6): invent market data or results, promise profit, and switch off its own checks.
 *
 * The original matched single words ("random", "generate", "simulate", "risk-free") and so refused "random
 * forest", "generate signals" and "risk-free rate" (original-system §2.4). These rules match phrases instead: a
 * verb with its object, an adjective with its noun. A match is dropped when a negation governs it ("do not",
 * "without", "detect"), and some matches have an excuse in context (bars built from imported trades, a Monte
 * Carlo over estimated parameters, "guaranteed returns are a myth").
 * Pure: no I/O; the same in a worker, in Node tests and in the page.
 */
import { APPROVED_SOURCES, SOURCE_LABELS } from './allowlist';

export type TextPolicyCode =
	'ok' | 'empty' | 'too_long' | 'fabricate_data' | 'guaranteed_profit' | 'bypass_compliance';

export interface TextDecision {
	readonly allowed: boolean;
	readonly code: TextPolicyCode;
	readonly reason: string;
	/** the words that triggered a refusal, '' when allowed */
	readonly match: string;
}

/** A goal or a request is a few sentences; longer text is pasted material, and the cap bounds matching cost. */
export const MAX_POLICY_TEXT_CHARS = 4000;

type RefusalCode = 'fabricate_data' | 'guaranteed_profit' | 'bypass_compliance';

// "Polygon.io / Massive, FRED, Yahoo Finance, Quandl / Nasdaq Data Link": named from the allowlist itself.
const SOURCE_NAMES = APPROVED_SOURCES.map((s) => SOURCE_LABELS[s].replace(/ \(.*\)$/, '')).join(', ');

const REASONS: Readonly<Record<TextPolicyCode, string>> = {
	ok: 'Allowed: nothing in the text asks for what the compliance policy forbids.',
	empty: 'Write a goal or a request first: the text is empty.',
	too_long: `Keep a goal or request under ${MAX_POLICY_TEXT_CHARS} characters; bring data in as a dataset instead.`,
	fabricate_data: `mlTrainer only uses real data from approved sources (${SOURCE_NAMES}) and reports only numbers it computed; it never generates, invents or fills in market data or results. Import or fetch the real series instead.`,
	guaranteed_profit:
		'No strategy can guarantee profit or rule out losses, so mlTrainer will not aim for or promise it. Set a measurable goal instead, such as a Sharpe ratio or a maximum drawdown tested out of sample on real data.',
	bypass_compliance:
		'The compliance checks (approved sources, data provenance, the audit trail and safety limits) always apply and cannot be switched off, skipped or worked around. Ask what a check needs and mlTrainer will help you meet it.'
};

// ── Normalisation ──────────────────────────────────────────────────────────────────────────────────────────

// Cyrillic and Greek letters that look Latin and that Unicode normalisation leaves alone ("fаke", Cyrillic а).
const CONFUSABLES: Readonly<Record<string, string>> = pairs(
	'\u0410A\u0412B\u0415E\u041aK\u041cM\u041dH\u041eO\u0420P\u0421C\u0422T\u0425X\u0423Y\u0405S\u0406I\u0408J' +
		'\u0430a\u0435e\u043eo\u0440p\u0441c\u0443y\u0445x\u0455s\u0456i\u0458j\u04bbh\u0501d\u051bq\u051dw' +
		'\u0391A\u0392B\u0395E\u0396Z\u0397H\u0399I\u039aK\u039cM\u039dN\u039fO\u03a1P\u03a4T\u03a5Y\u03a7X' +
		'\u03b1a\u03bfo\u03c1p\u03b9i\u03bak\u03bdv\u03c5u\u03c7x\u03f2c\u0251a\u0261g\u0131i'
);
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');
// Marks (diacritics, variation selectors), format characters (zero-width, bidi, soft hyphen) and blank fillers.
const INVISIBLE = /[\p{M}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;
// Letters spelled out one at a time: "s y n t h e t i c", "f.a.k.e".
const SPACED_LETTERS = /(?<![\p{L}\p{N}])(?:[a-z][ \t._*-]+){2,}[a-z](?![\p{L}\p{N}])/gu;

function pairs(list: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (let i = 0; i + 1 < list.length; i += 2) out[list[i]] = list[i + 1];
	return out;
}

/** Folds the text to lower-case ASCII words; NFKD is the compatibility folding of NFKC, then marks are dropped. */
function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(CONFUSABLE, (c) => CONFUSABLES[c] ?? c)
		.toLowerCase()
		.normalize('NFKD')
		.replace(INVISIBLE, '');
}

/** Sentences of single-space separated words; a comma is a word of its own so that it can bound a phrase. */
function sentences(folded: string): string[] {
	return folded
		.replace(/[\u2018\u2019\u201b\u02bc\u2032`]/g, "'")
		.replace(/[\u2010-\u2012\u2043\u2212]/g, '-')
		.replace(/[\u2013-\u2015]/g, ',')
		.replace(SPACED_LETTERS, (m) => m.replace(/[^a-z]/g, ''))
		.replace(/(\d) ?(?:%|percent\b|per cent\b|pct\b)/g, '$1%')
		.replace(/\bw\/o\b/g, 'without')
		.split(/[!?;:\n\r]+|\.(?!\d)|(?<!\d)\./)
		.map((s) =>
			s
				.replace(/,/g, ' , ')
				.replace(/[^a-z0-9%&'\-, ]+/g, ' ')
				.split(' ')
				.map((w) => w.replace(/^['-]+|['-]+$/g, ''))
				.filter((w) => w.length > 0)
				.join(' ')
		)
		.filter((s) => s.length > 0);
}

// ── Pattern vocabulary ─────────────────────────────────────────────────────────────────────────────────────

/** One of the given patterns. */
const alt = (...patterns: readonly string[]): string => `(?:${patterns.join('|')})`;
/**
 * One of the listed words: each argument is a space-separated list of regex pieces, with `_` for a space inside
 * a piece (normalised text never holds `_`). `w('prices price_data')` matches "prices" or "price data".
 */
const w = (...lists: readonly string[]): string =>
	alt(...lists.flatMap((l) => l.trim().split(/\s+/)).map((piece) => piece.replace(/_/g, ' ')));
const END = '(?![^ ])';
/** Up to `max` words, none of them one of `stop`. */
const gap = (max: number, stop: string): string => `(?: (?!${stop}${END})[^ ]+){0,${max}}`;
/** Up to `max` words of any kind, as few as possible, within the clause. */
const some = (max: number): string => `(?: (?!,)[^ ]+){0,${max}}?`;
const not = (next: string): string => `(?! ${next}${END})`;
/** A pattern that starts and ends on word boundaries. */
const rx = (source: string): RegExp => new RegExp(`(?<![^ ])${source}${END}`, 'g');

// Words that end a verb's reach: a preposition or connector starts another phrase ("generate signals FROM prices").
const PREP = w(
	', from using use with for based on in into by to about over across at per against vs versus than and or but',
	'then that which so because when while if as not no never without instead rather'
);
// Things a user legitimately asks to generate: a verb's object is one of these, not the prices after it.
const OUTPUTS = w(
	'reports? charts? plots? graphs? summar(?:y|ies) tables? signals? features? forecasts? predictions? predicted',
	'expected estimated histograms? heatmaps? analys[ie]s backtests? models? strateg(?:y|ies) lists? overviews?',
	'statistics stats indicators? labels? targets? alerts? recommendations? insights? code scripts? views?',
	'visuali[sz]ations? dashboards? scenarios? training tests? validation trials? portfolios? error progress',
	'confidence status docs notes? ideas?'
);
const STOP = alt(PREP, OUTPUTS);

const QUALIFIED = w(
	'market stock share equity equities ticker tick quote trade trading ohlcv? financial historical intraday',
	'crypto forex fx futures bond options? economic'
);
const MARKET = alt(
	w('prices bars candles candlesticks quotes ticks ohlcv? ticker_histor(?:y|ies)'),
	`${QUALIFIED} ${w('data datasets? data_sets? histor(?:y|ies) series time_series feeds? bars')}`,
	`price ${w('histor(?:y|ies) series paths? action movements? moves data feeds?')}`
);
const DATA = w('data datasets? data_sets? time_series');
const RESULTS = w(
	'results metrics returns numbers figures values statistics stats performance track_records?',
	'sharpe(?:_ratios?)? p&l pnl equity_curves? backtests? accuracy volumes? trades observations records rows',
	'histor(?:y|ies) books'
);
const INSTRUMENT = w('stocks? tickers? compan(?:y|ies) exchanges? assets? securit(?:y|ies) markets?');
// What follows a data noun when the phrase is about handling data, not making it ("fake data detection").
const HANDLING = w(
	'detection detectors? filters? checks? checker polic(?:y|ies) rules? bans? warnings? flags? cross-validation',
	'splits? folds? cv quality dictionar(?:y|ies) pipelines? loaders? schemas? types? science engineering',
	'formats? sources? providers? vendors? pages? imports? connectors? cleaning leakage'
);
const NOT_INVENTED = not(HANDLING);
// ... or when the thing generated is an output built on the data ("generate price data charts").
const NOT_MADE = not(
	alt(
		HANDLING,
		OUTPUTS,
		`of ${w('features? labels? targets? signals? indicators? predictions? results trials?')}`
	)
);

const RANDOM = `random${not(
	w(
		'forests? seeds? states? search(?:es)? splits? effects? subspaces? projections? restarts? walks? noise',
		'initiali[sz]ations? samples? sampling subsamples? variables? errors? baselines? guess(?:es|ing)?',
		'entr(?:y|ies) features? matri(?:x|ces) draws? numbers? orders? shuffles? permutations?'
	)
)}`;
const FAKE = alt(
	w(
		'fake faked fabricated falsified forged doctored fudged made[-_]up invented imaginary fictional fictitious',
		'fictive phon(?:e)?y bogus counterfeit hallucinated pseudo mocked'
	),
	`synthetic${not(
		w(
			'control controls positions? long short replication minority portfolios? etfs? index indices options?',
			'assets? instruments? cdos? puts? calls? forwards?'
		)
	)}`,
	`artificial${not(w('intelligence neural neurons? general ai'))}`,
	`mock${not(w('apis? servers? endpoints? objects? functions? services? tests? ups?'))}`,
	`dummy${not(w('variables? coding encoding columns? regressors? classifiers? estimators? models? baselines?'))}`,
	`placeholder${not(w('text images? names? components? pages? ui'))}`
);
const SIMULATED = w(
	'simulated (?:randomly|computer|ai|machine|model|gan|procedurally|artificially|synthetically)[-_]generated'
);
const INVENT = alt(
	w(
		'fabricat(?:e|es|ed|ing) falsif(?:y|ies|ied|ying) forg(?:e|es|ed|ing) doctor(?:s|ed|ing)? fudg(?:e|es|ed|ing)',
		'cook(?:s|ed|ing)? fak(?:e|es|ed|ing) invent(?:s|ed|ing)? spoof(?:s|ed|ing)? dream(?:s|ed|t|ing)?_up',
		'hallucinat(?:e|es|ed|ing) conjur(?:e|es|ed|ing)(?:_up)? (?:come|comes|came|coming)_up_with'
	),
	`(?:make|makes|making|made) up${not(
		w('for \\d[^_]* the_(?:majority|bulk|rest|difference|remainder) most half part about around roughly only')
	)}`
);
const GENERATE = w(
	'generat(?:e|es|ed|ing) simulat(?:e|es|ed|ing) synthesi[sz](?:e|es|ed|ing) (?:generation|simulations?|synthesis)_of'
);
const CREATE = w(
	'creat(?:e|es|ed|ing) produc(?:e|es|ed|ing) build(?:s|ing)? built construct(?:s|ed|ing)?',
	'manufactur(?:e|es|ed|ing) (?:cook|whip|mock)(?:s|ed|ped|ing|ping)?_up spit(?:s|ting)?_out'
);
const MADE_UP = w('fabricated invented made[-_]up faked falsified forged doctored fudged');
const MADE_BY = `(?: (?:randomly|artificially|synthetically))? ${alt(w('generated simulated synthesi[sz]ed'), MADE_UP)}`;
const RELATIVE = `(?: ${w('that which')}(?: ${w('is are was were')})?| ${w('to can could will should may might')} be)`;
const HOLES = w(
	'missing gaps? nans? holes blanks empty prices bars data quotes returns days dates weekends holidays rows',
	'histor(?:y|ies) series closes? volume values'
);
const FILL = w(
	'fill(?:s|ed|ing)? replac(?:e|es|ed|ing) imput(?:e|es|ed|ing) pad(?:s|ded|ding)? patch(?:es|ed|ing)?',
	'plug(?:s|ged|ging)? populat(?:e|es|ed|ing) backfill(?:s|ed|ing)? substitut(?:e|es|ed|ing)',
	'interpolat(?:e|es|ed|ing) extrapolat(?:e|es|ed|ing)'
);
const FILLING = w(
	'random(?!_forests?) arbitrary fake synthetic made[-_]up invented dummy simulated generated placeholder',
	'imaginary fictional fabricated bogus mock guessed guesses'
);

// ── Excuses: context that makes a match legitimate ─────────────────────────────────────────────────────────

// Series built from real inputs ("bars from the imported trades") are derived, not made up, unless the input
// named is itself invented ("prices from a random walk").
const DERIVED =
	/^(?:from|using|based on|out of|derived from|built from|via|by (?:aggregating|resampling|importing)|by (?:the |an? )?(?:\S+ )?(?:polygon|massive|fred|yahoo|quandl|nasdaq|exchange|api|endpoint))\b/;
const INVENTED_INPUT =
	/random|gbm|brownian|noise|gaussian|distribution|\bgan\b|generative|simulat|scratch|nothing|thin air|imagin|made[- ]up|fake|synthetic|fictional|invent|\bmodel|formula|equation|\bsine?\b|template|guess/;
// A Monte Carlo over estimated parameters is an algorithm, not data (ARCHITECTURE §6).
const MONTE_CARLO =
	/monte[- ]?carlo|bootstrap|resampl|estimated|fitted|calibrated|stress[- ]test|scenario analysis/;
const derivedOrMonteCarlo = (sentence: string, end: number): boolean => {
	const rest = sentence.slice(end).trim();
	return MONTE_CARLO.test(sentence) || (DERIVED.test(rest) && !INVENTED_INPUT.test(rest));
};
// A question about the idea names it without asking for it ("what is synthetic data?", "the difference between
// real and synthetic data"), as long as the sentence asks for nothing to be made or used.
const QUESTION = /^(?:what|what's|whats|why|explain|describe|define|is|are|was|were|does|did)\b/;
const REQUEST =
	/\b(?:use|using|train|give|generat|creat|make|produc|fill|add|need|want|get|fetch|build|simulat|invent|fabricat|put|insert|apply|run|backtest|try|show|load|import)/;
const aboutTheIdea = (sentence: string): boolean => QUESTION.test(sentence) && !REQUEST.test(sentence);
const aboutOrDerived = (sentence: string, end: number): boolean =>
	aboutTheIdea(sentence) || derivedOrMonteCarlo(sentence, end);
// Talking about the promise to debunk it is fine ("why a 100% win rate is a red flag").
const DEBUNKED =
	/impossible|myth|scam|red flag|suspicious|unrealistic|not (?:possible|realistic|real)|(?:don't|doesn't|do not|does not) exist|too good to be true|sign of|overfit|leak|look-?ahead|\ba lie\b|fraud|illegal|misleading|claims? (?:of|like|that)/;
const debunked = (sentence: string): boolean => DEBUNKED.test(sentence);

// ── Rules ──────────────────────────────────────────────────────────────────────────────────────────────────

interface Rule {
	readonly code: RefusalCode;
	readonly pattern: RegExp;
	readonly excuse?: (sentence: string, end: number) => boolean;
}
const rule =
	(code: RefusalCode) =>
	(source: string, excuse?: Rule['excuse']): Rule => ({ code, pattern: rx(source), excuse });
const fabricate = rule('fabricate_data');
const guaranteed = (source: string): Rule => rule('guaranteed_profit')(source, debunked);
const bypass = rule('bypass_compliance');

const ANY_DATA = alt(MARKET, DATA, RESULTS);
const FABRICATE: readonly Rule[] = [
	fabricate(`${INVENT}${gap(4, PREP)} ${ANY_DATA}${NOT_INVENTED}`),
	fabricate(`${w('make makes making made')}${gap(3, PREP)} ${ANY_DATA} up${not('to')}`),
	fabricate(`${FAKE}${gap(2, STOP)} ${ANY_DATA}${NOT_MADE}`, aboutTheIdea),
	fabricate(`hypothetical${gap(2, STOP)} ${MARKET}${NOT_MADE}`, aboutTheIdea),
	// An invented instrument has only invented data: "create a fake ticker", "invent a ticker".
	fabricate(
		`${alt(GENERATE, CREATE, INVENT)}${gap(2, STOP)} ${alt(FAKE, 'hypothetical')} ${INSTRUMENT}${NOT_INVENTED}`
	),
	fabricate(`${INVENT}(?: ${w('a an some new few a_few its_own')}){0,2} ${INSTRUMENT}${NOT_INVENTED}`),
	fabricate(`${alt(SIMULATED, RANDOM, 'generated')}${gap(2, STOP)} ${MARKET}${NOT_MADE}`, aboutOrDerived),
	fabricate(`${SIMULATED}${gap(2, STOP)} ${DATA}${NOT_MADE}`, aboutOrDerived),
	fabricate(`${GENERATE}${gap(4, STOP)} ${alt(MARKET, DATA)}${NOT_MADE}`, derivedOrMonteCarlo),
	fabricate(`${CREATE}${gap(3, STOP)} ${MARKET}${NOT_MADE}`, derivedOrMonteCarlo),
	// "prices generated by a GAN", "bars that are randomly generated"; a bare "prices generated?" is a question.
	fabricate(
		`${MARKET}(?:${RELATIVE}${MADE_BY}|${MADE_BY}(?= ${w('by with from using via through')}${END}))`,
		derivedOrMonteCarlo
	),
	fabricate(`${ANY_DATA}${RELATIVE} ${MADE_UP}`),
	fabricate(`${ANY_DATA}${some(3)} (?:out of|from) thin air`),
	// "fill missing prices with random values": the hole is real, the filling is invented.
	fabricate(
		`${FILL}${some(5)} ${HOLES}${some(4)} ${w('with using by')}(?: ${w('some a an the')})? ${FILLING}`
	),
	fabricate(
		`${w('random arbitrary made[-_]up invented fake dummy placeholder')} ${w('numbers values noise draws figures')}` +
			`${some(2)} ${w('as for in_place_of instead_of')}(?: ${w('the our my missing real actual')}){0,2}` +
			` ${alt(MARKET, w('data returns volumes?'))}`
	),
	fabricate(
		`${w('add(?:s|ed|ing)? inject(?:s|ed|ing)? perturb(?:s|ed|ing)? jitter(?:s|ed|ing)?')}${some(3)} noise` +
			` ${w('to into on')}${gap(2, PREP)} ${alt(MARKET, 'returns')}`
	)
];

const PERCENT_GAIN =
	`\\d[\\d.,]*%(?: ${w('a per an each every')} ${w('year month week day annum trade')}` +
	`| ${w('annual(?:ly|i[sz]ed)? monthly yearly weekly daily')}(?: ${w('returns? gains? profits? yields?')})?` +
	`| ${w('returns? gains? profits? yields? roi upside annually')})`;
const G_NOUN = alt(
	w(
		'profits? profitability returns? gains? income money earnings yields? payouts? wins winners winning_trades',
		'alpha outperformance roi upside (?:win|hit|success)_rates? \\d+x double_(?:my|your|the|our)_money',
		'positive_returns profitable_(?:trades|results|strateg(?:y|ies))'
	),
	PERCENT_GAIN
);
// Reproducibility talk uses the same verb: "guarantee the same returns on every re-run".
const NOT_PROMISE = w(
	', same identical reproducible reproducibility deterministic consistent correct correctly accurate accurately',
	'exact exactly recorded computed calculated no not never but or and because if unless'
);
const MEASURED = w(
	'computed calculated correct accurate reproducible the_same identical deterministic consistent logged',
	'recorded saved stored reported measured'
);
const RISK_FREE = w('risk[-_]?free riskless no[-_]risk zero[-_]risk risk-less');
// The finance terms built on "risk-free" and "risk": the risk-free rate, risk factors, risk management.
const RISK_TERMS = w(
	'rates? assets? bonds? yields? curves? interest benchmarks? instruments? securit(?:y|ies) returns? proxy',
	'treasur(?:y|ies) factors? premi(?:um|a|ums) management controls? adjust\\w* models? metrics? measures?',
	'aversion parity budgets? limits? of_the'
);
const LOSS_FOLLOW = w(
	'and but or so money cash capital trades bets dollars ever any_(?:money|trades?|bets?|capital)',
	'a_(?:single_)?(?:trade|bet|cent|penny|dime|dollar|day|week|month|year)',
	'(?:in|on|over)_(?:any|a_single)_(?:market|year|month|week|day|trade|bet|regime|period)'
);
const GUARANTEED: readonly Rule[] = [
	guaranteed(
		`${w('guarantee(?:s|d)? guaranteeing promis(?:e|es)')}${gap(5, NOT_PROMISE)} ${G_NOUN}` +
			not(`${w('are is will were get gets stay remain')}(?: be)? ${MEASURED}`)
	),
	guaranteed(`guaranteed to ${w('beat outperform double triple win profit make_money')}`),
	guaranteed(
		`${G_NOUN}(?: ${w('is are be being was were that_is that_are')}(?: always)?)?` +
			` ${w('guaranteed assured certain(?!_to) risk[-_]free riskless locked[-_]in')}${not(RISK_TERMS)}`
	),
	guaranteed(
		`${RISK_FREE} ${w('profits? gains? money income wins winning trading trades? strateg(?:y|ies) bets? systems?')}`
	),
	guaranteed(
		w(
			'make makes making earn(?:s|ing)? get gets getting give gives giving deliver(?:s|ing)? achiev(?:e|es|ing)',
			'produc(?:e|es|ing) generat(?:e|es|ing) find want build design creat(?:e|es|ing) provid(?:e|es|ing)',
			'offer(?:s|ing)? lock(?:s|ing)?_in secur(?:e|es|ing)'
		) +
			`(?: ${w('a an some me us you them steady consistent high higher huge big large solid annual monthly')}` +
			`| ${w('yearly weekly daily double-digit \\d[^_]*')}){0,3}` +
			` ${RISK_FREE} returns?${not(w('rates? of_the proxy benchmarks? assets?'))}`
	),
	guaranteed(
		`${w('profits? money returns? gains? income')}${some(3)} ` +
			`${alt(w('with_(?:no|zero|absolutely_no)_risk without_(?:any_)?risk at_no_risk with_no_downside'), RISK_FREE)}` +
			not(RISK_TERMS)
	),
	// "never lose" alone, or with money, is a promise; "never lose the results" is not.
	guaranteed(`${w('never(?:_ever)?_ never-')}${w('lose loses losing lost')}(?=$| ,| ${LOSS_FOLLOW}${END})`),
	guaranteed(
		`${w("can't cant cannot can_not won't will_not")}(?: ${w('ever possibly')})? lose` +
			`(?=$| ,| ${w('and but with here on_this')}${END})`
	),
	guaranteed(
		`never ${w('has have had makes? made hits?')}(?: ${w('a any')})?(?: single)? ${w('losing down negative red')}` +
			` ${w('trades? days? weeks? months? years? quarters? periods?')}`
	),
	guaranteed(
		`${w('with without zero')}(?: ${w('no zero any a_single')})?` +
			` ${w('losses losing_(?:trades|days|weeks|months|years|periods|quarters) drawdowns?')}`
	),
	guaranteed(
		`always ${w('wins?(?!_rates?) winning profitable profits? (?:makes?|making)_(?:money|a_profit|profits)', 'beats?_the_market outperforms?_the_market in_profit in_the_green')}` +
			`(?! ${w('in when during if whenever on')} (?!${w('any every all')}${END}))`
	),
	guaranteed(
		`(?:100%|one hundred %)(?: ${w('of the time all my trades days months years')}){0,3}` +
			` ${alt(w('win(?:ning)?(?:_rates?|_ratios?)? winners wins success(?:_rates?)? hit_rates? profitable', 'profitability profits? sure certain guaranteed safe'), RISK_FREE)}`
	),
	guaranteed(`(?:win|hit|success) rates?(?: ${w('of = at is above near always')})? 100%`),
	guaranteed(
		alt(
			w(
				"no-lose can't-lose cant-lose cannot-lose money[-_]printers? money[-_]machines? sure_bets? sure_wins?"
			),
			`${w('sure[-_]?fire fool[-_]?proof fail[-_]?safe zero[-_]loss loss[-_]free')} ` +
				alt(
					w('strateg(?:y|ies) systems? methods? profits? money trades? bets? investments?'),
					'ways? to (?:make|earn|profit|win|double)'
				)
		)
	),
	guaranteed(
		`${w('certain assured sure locked[-_]in guaranteed')} ${w('profits? gains? money wins? income returns?')}` +
			not(w('threshold targets? levels? margins? percentage amount taking take are is were was from of'))
	),
	guaranteed(`${G_NOUN}${some(4)} with (?:100% |complete |total |absolute |full )?certainty`)
];

const SOURCE = w(
	'polygon(?:\\.io)? massive fred yahoo(?:_finance)? quandl nasdaq(?:_data_link)?',
	'an?_(?:approved|real|verified|allowed|official)_source'
);
const GENUINE = w('real genuine verified approved authentic official legit(?:imate)? compliant');
// The checks themselves, as objects of "disable", "skip", "without".
const CHECKS = alt(
	`compliance(?: ${w('rules? checks? gateway layer polic(?:y|ies) engine system requirements? controls? mode', 'guardrails? filters? restrictions? limits?')})?`,
	w('gateway allow[-_]?lists? white[-_]?lists? approved[-_]sources?(?:_lists?)? auditing hash[-_]chain'),
	`provenance(?: ${w('checks? verification validation requirements? rules? tracking tagging records? hashes')})?`,
	`audit(?: ${w('trails? logs? logging chain records? entries events?')})?`,
	`${w('safety security integrity source hash sha-?256 checksum honesty data_validation data_verification')} ` +
		w(
			'checks? rules? limits? guards? guardrails? controls? measures? restrictions? features?',
			'polic(?:y|ies) verification validation'
		),
	w('safety safeguards? guardrails? kill[-_]switch(?:es)?'),
	`${w('rate request api call usage safety compliance hard')} limit(?:s|er|ers|ing)?`
);
const CHECKS_OR_RULES = alt(
	CHECKS,
	`${w('the all any your these those its every all_the all_of_the')} ` +
		`${w('rules restrictions limits checks safeguards guardrails policies')}${not('of thumb')}`,
	`${w('previous prior above earlier your all_previous all_prior all_your your_system')} ` +
		w('instructions prompts? system_prompt'),
	'system prompt'
);
// "compliance report", "audit log export": the checks named as a thing to read, not to switch off.
const NOT_SWITCH = `(?![- ]${w(
	'reports? summar(?:y|ies) status scores? dashboards? tabs? pages? views? issues? problems? officers? teams?',
	'departments? costs? docs documentation training courses? based free'
)}${END})`;
const FILLER = w(
	"the a an all any every each of these those this that your my our its their mltrainer's mltrainer app app's",
	'built-in builtin current existing internal stupid annoying pesky strict whole entire usual normal default',
	'standard remaining other such some just completely entirely fully totally temporarily please simply even',
	'also now data source sources trial import api security polygon massive yahoo fred quandl new silly damn',
	'extra required mandatory automatic automated quietly secretly'
);
const SWITCH_OFF = w(
	'bypass(?:es|ed|ing)? circumvent(?:s|ed|ing)? disabl(?:e|es|ed|ing) ignor(?:e|es|ed|ing) skip(?:s|ped|ping)?',
	'(?:turn|turns|turned|turning|switch|switches|switched|switching|shut|shuts|shutting)_off',
	'deactivat(?:e|es|ed|ing) overrid(?:e|es|ing) overridden overrode overrul(?:e|es|ed|ing)',
	'(?:get|gets|got|getting|work|works|worked|working|go|going|sneak|sneaking|slip|slipping)_(?:around|round|past)',
	'evad(?:e|es|ed|ing) sidestep(?:s|ped|ping)? dodg(?:e|es|ed|ing) suppress(?:es|ed|ing)? disregard(?:s|ed|ing)?',
	'defeat(?:s|ed|ing)? break(?:s|ing)? broke violat(?:e|es|ed|ing) hack(?:s|ed|ing)? cheat(?:s|ed|ing)?',
	'trick(?:s|ed|ing)? fool(?:s|ed|ing)? spoof(?:s|ed|ing)? tamper(?:s|ed|ing)?_with neutrali[sz](?:e|es|ed|ing)',
	'kill(?:s|ed|ing)? remov(?:e|es|ed|ing) delet(?:e|es|ed|ing) strip(?:s|ped|ping)?(?:_out)? eras(?:e|es|ed|ing)',
	'wip(?:e|es|ed|ing) clear(?:s|ed|ing)? rewrit(?:e|es|ing) rewrote edit(?:s|ed|ing)? alter(?:s|ed|ing)?',
	'modif(?:y|ies|ied|ying) falsif(?:y|ies|ied|ying) forg(?:e|es|ed|ing) doctor(?:s|ed|ing)? relax(?:es|ed|ing)?',
	'loosen(?:s|ed|ing)? lift(?:s|ed|ing)? waiv(?:e|es|ed|ing) skirt(?:s|ed|ing)? forget(?:s|ting)?_about',
	'get(?:s|ting)?_rid_of do_away_with opt(?:s|ed|ing)?_out_of jailbreak(?:s|ed|ing)? undermin(?:e|es|ed|ing)'
);
const SWITCHED_OFF = w(
	'disabled off bypassed ignored skipped removed deleted deactivated circumvented suspended waived relaxed',
	'lifted overridden cleared wiped erased'
);
const TAMPER = w(
	'chang(?:e|es|ed|ing) edit(?:s|ed|ing)? overwrit(?:e|es|ing) overwritten modif(?:y|ies|ied|ying)',
	'alter(?:s|ed|ing)? rewrit(?:e|es|ing) spoof(?:s|ed|ing)? fak(?:e|es|ed|ing) forg(?:e|es|ed|ing)',
	'falsif(?:y|ies|ied|ying) tamper(?:s|ed|ing)?_with doctor(?:s|ed|ing)? backdat(?:e|es|ed|ing)'
);
const PROVENANCE_FIELD = alt(
	w(
		'provenance source_(?:field|tag|label) origin(?:_field)? sha-?256 hash(?:es)?(?!_functions?) checksums?',
		'retrievedat retrieved[-_]at timestamps?_of'
	),
	`sources? of(?: ${w('the this these that my our')})? ${alt(DATA, MARKET, w('files? csvs? imports?'))}`
);
const BYPASS: readonly Rule[] = [
	bypass(`${SWITCH_OFF}(?: ${FILLER}){0,3} ${CHECKS_OR_RULES}${NOT_SWITCH}`),
	bypass(
		`${CHECKS_OR_RULES}(?: ${w('is are be being been was were gets? got kept left turned switched')})? ${SWITCHED_OFF}`
	),
	bypass(
		`${w('without sans with_no with_zero minus')}(?: ${w("any the a an all our its mltrainer's")}){0,2} ${CHECKS}${NOT_SWITCH}`
	),
	bypass(`${w('compliance provenance audit allowlist')}[- ]free`),
	bypass(`${w("don't dont do_not never stop")} ${w('worry care bother')}(?:ing)? about ${CHECKS_OR_RULES}`),
	bypass(`${CHECKS} ${w("doesn't does_not don't do_not no_longer won't will_not")} apply`),
	bypass(`${w('not no_longer never')} ${w('bound restricted limited constrained')} by ${CHECKS_OR_RULES}`),
	bypass(
		`${w('turn turns turned switch switched shut toggle toggled flip flipped')}(?: ${FILLER}){0,2} ${CHECKS} off`
	),
	// Passing data off as coming from an approved source defeats provenance ("pretend the data is from Polygon").
	bypass(
		w(
			'pretend(?:s|ed|ing)? make(?:s)?_it_(?:look|seem|appear)(?:_like|_as_if|_as_though)? acts?_as_(?:if|though)',
			'pass(?:es|ed|ing)?(?:_[^_]+){0,3}?_off disguis(?:e|es|ed|ing) masquerad(?:e|es|ed|ing)'
		) + `${some(5)} (?:(?:from|by|as)(?: the)? ${SOURCE}|${w('is are was were as')} ${GENUINE})`
	),
	bypass(
		w(
			'label(?:s|led|ling|ed)? tag(?:s|ged|ging)? mark(?:s|ed|ing)? record(?:s|ed|ing)? list(?:s|ed|ing)?',
			'present(?:s|ed|ing)? declar(?:e|es|ed|ing) relabel(?:s|led|ling)? retag(?:s|ged|ging)?'
		) +
			`${some(4)} as (?:(?:coming |being )?from )?(?:the )?${alt(SOURCE, w('approved verified real genuine'))}`
	),
	bypass(`${TAMPER}${gap(3, PREP)} ${PROVENANCE_FIELD}`),
	bypass(
		w(
			'add(?:s|ed|ing)? put(?:s|ting)? insert(?:s|ed|ing)? includ(?:e|es|ed|ing) whitelist(?:s|ed|ing)?',
			'allowlist(?:s|ed|ing)? approv(?:e|es|ed|ing)'
		) +
			`${some(5)} ${w('to on in into')}(?: ${w("the your mltrainer's")})? ` +
			w('allow[-_]?lists? white[-_]?lists? approved_(?:sources?|lists?|providers?) list_of_approved_sources')
	),
	bypass(
		`${w('whitelist(?:s|ed|ing)? allowlist(?:s|ed|ing)?')}${some(3)} ` +
			w('sources? apis? hosts? sites? domains? providers? brokers? websites? urls? feeds? vendors?')
	),
	bypass(
		w(
			'use uses using used train(?:s|ed|ing)?_on import(?:s|ed|ing)? load(?:s|ed|ing)? fetch(?:es|ed|ing)?',
			'pull(?:s|ed|ing)? accept(?:s|ed|ing)? allow(?:s|ed|ing)? download(?:s|ed|ing)?'
		) +
			`${some(4)} ` +
			w(
				'unapproved non-?approved unverified unauthori[sz]ed unlisted non-?allowlisted not_approved unofficial'
			)
	)
];

const RULES: readonly Rule[] = [...FABRICATE, ...GUARANTEED, ...BYPASS];

// ── Negation ───────────────────────────────────────────────────────────────────────────────────────────────

// Words that, shortly before a phrase, turn a request into its opposite ("never use synthetic data", "detect
// fake volume", "skip rows without provenance").
const NEGATORS = new Set(
	(
		"not no never don't dont doesn't doesnt didn't didnt won't wont wouldn't wouldnt shouldn't shouldnt " +
		"mustn't can't cant cannot without avoid avoids avoiding refuse refuses prevent prevents preventing " +
		'prohibit prohibits prohibited forbid forbids forbidden ban bans banned reject rejects rejecting detect ' +
		'detects detecting flag flags flagging spot spotting identify identifies exclude excludes excluding ' +
		'instead rather nor neither against disallow disallows block blocks blocking beware warn warns warning ' +
		'stop stops remove removes removing filter filters filtering skip skips skipping drop drops dropping ' +
		'discard discards discarding ignore ignores ignoring check checks checking scan scans nothing none free'
	).split(' ')
);
// A clause boundary: a negation before it governs another phrase ("there is no data, so generate prices").
const CONNECTORS = new Set(
	', and but so then because therefore or yet also plus however although though while whereas if unless when'.split(
		' '
	)
);
/** How far back a negation reaches: "do not ever try to generate" is four words. */
const NEGATION_REACH_WORDS = 4;

function negated(sentence: string, start: number): boolean {
	const before = sentence.slice(0, start).trim().split(' ');
	for (let i = before.length - 1, n = 0; i >= 0 && n < NEGATION_REACH_WORDS; i--, n++) {
		if (CONNECTORS.has(before[i])) return false;
		if (NEGATORS.has(before[i])) return true;
	}
	return false;
}

interface Hit {
	readonly code: RefusalCode;
	readonly index: number;
	readonly match: string;
}

/** The earliest match in the sentence that no negation governs and no context excuses. */
function firstHit(sentence: string): Hit | null {
	let best: Hit | null = null;
	for (const { code, pattern, excuse } of RULES) {
		for (const m of sentence.matchAll(pattern)) {
			if (best && m.index >= best.index) break;
			if (negated(sentence, m.index) || excuse?.(sentence, m.index + m[0].length)) continue;
			best = { code, index: m.index, match: m[0] };
			break;
		}
	}
	return best;
}

const decision = (code: TextPolicyCode, match = ''): TextDecision => ({
	allowed: code === 'ok',
	code,
	reason: REASONS[code],
	match
});

/** Decides whether a goal or a request may go ahead; never throws. */
export function checkText(text: string): TextDecision {
	// Callers outside TypeScript (a worker message, stored JSON) may pass anything.
	if (typeof text !== 'string') return decision('empty');
	if (text.length > MAX_POLICY_TEXT_CHARS) return decision('too_long');
	const folded = fold(text);
	if (!/\S/.test(folded)) return decision('empty');
	for (const sentence of sentences(folded)) {
		const hit = firstHit(sentence);
		if (hit) return decision(hit.code, hit.match);
	}
	return decision('ok');
}
