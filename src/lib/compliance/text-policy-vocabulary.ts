/**
 * The words of the text policy (text-policy.ts) and the few regex builders that turn them into patterns over
 * normalised text: single-space separated lower-case words, where `_` never occurs. The rules that combine
 * them are in text-policy-rules.ts. Pure: no I/O.
 */

// ── Pattern builders ───────────────────────────────────────────────────────────────────────────────────────

/** One of the given patterns. */
export const alt = (...patterns: readonly string[]): string => `(?:${patterns.join('|')})`;
/**
 * One of the listed words: each argument is a space-separated list of regex pieces, with `_` for a space inside
 * a piece (normalised text never holds `_`). `w('prices price_data')` matches "prices" or "price data".
 */
export const w = (...lists: readonly string[]): string =>
	alt(...lists.flatMap((l) => l.trim().split(/\s+/)).map((piece) => piece.replace(/_/g, ' ')));
export const END = '(?![^ ])';
/** Up to `max` words, none of them one of `stop`. */
export const gap = (max: number, stop: string): string => `(?: (?!${stop}${END})[^ ]+){0,${max}}`;
/** Up to `max` words of any kind, as few as possible, within the clause. */
export const some = (max: number): string => `(?: (?!,)[^ ]+){0,${max}}?`;
export const not = (next: string): string => `(?! ${next}${END})`;
/** A pattern that starts and ends on word boundaries. */
export const rx = (source: string): RegExp => new RegExp(`(?<![^ ])${source}${END}`, 'g');

// ── Fabricated data ────────────────────────────────────────────────────────────────────────────────────────

// Words that end a verb's reach: a preposition or connector starts another phrase ("generate signals FROM prices").
export const PREP = w(
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
export const STOP = alt(PREP, OUTPUTS);

const QUALIFIED = w(
	'market stock share equity equities ticker tick quote trade trading ohlcv? financial historical intraday',
	'crypto forex fx futures bond options? economic'
);
export const MARKET = alt(
	w('prices bars candles candlesticks quotes ticks ohlcv? ticker_histor(?:y|ies)'),
	`${QUALIFIED} ${w('data datasets? data_sets? histor(?:y|ies) series time_series feeds? bars')}`,
	`price ${w('histor(?:y|ies) series paths? action movements? moves data feeds?')}`
);
export const DATA = w('data datasets? data_sets? time_series');
const RESULTS = w(
	'results metrics returns numbers figures values statistics stats performance track_records?',
	'sharpe(?:_ratios?)? p&l pnl equity_curves? backtests? accuracy volumes? trades observations records rows',
	'histor(?:y|ies) books'
);
export const INSTRUMENT = w('stocks? tickers? compan(?:y|ies) exchanges? assets? securit(?:y|ies) markets?');
// What follows a data noun when the phrase is about handling data, not making it ("fake data detection").
const HANDLING = w(
	'detection detectors? filters? checks? checker polic(?:y|ies) rules? bans? warnings? flags? cross-validation',
	'splits? folds? cv quality dictionar(?:y|ies) pipelines? loaders? schemas? types? science engineering',
	'formats? sources? providers? vendors? pages? imports? connectors? cleaning leakage'
);
export const NOT_INVENTED = not(HANDLING);
// ... or when the thing generated is an output built on the data ("generate price data charts").
export const NOT_MADE = not(
	alt(
		HANDLING,
		OUTPUTS,
		`of ${w('features? labels? targets? signals? indicators? predictions? results trials?')}`
	)
);

export const RANDOM = `random${not(
	w(
		'forests? seeds? states? search(?:es)? splits? effects? subspaces? projections? restarts? walks? noise',
		'initiali[sz]ations? samples? sampling subsamples? variables? errors? baselines? guess(?:es|ing)?',
		'entr(?:y|ies) features? matri(?:x|ces) draws? numbers? orders? shuffles? permutations?'
	)
)}`;
export const FAKE = alt(
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
export const SIMULATED = w(
	'simulated (?:randomly|computer|ai|machine|model|gan|procedurally|artificially|synthetically)[-_]generated'
);
export const INVENT = alt(
	w(
		'fabricat(?:e|es|ed|ing) falsif(?:y|ies|ied|ying) forg(?:e|es|ed|ing) doctor(?:s|ed|ing)? fudg(?:e|es|ed|ing)',
		'cook(?:s|ed|ing)? fak(?:e|es|ed|ing) invent(?:s|ed|ing)? spoof(?:s|ed|ing)? dream(?:s|ed|t|ing)?_up',
		'hallucinat(?:e|es|ed|ing) conjur(?:e|es|ed|ing)(?:_up)? (?:come|comes|came|coming)_up_with'
	),
	`(?:make|makes|making|made) up${not(
		w('for \\d[^_]* the_(?:majority|bulk|rest|difference|remainder) most half part about around roughly only')
	)}`
);
export const GENERATE = w(
	'generat(?:e|es|ed|ing) simulat(?:e|es|ed|ing) synthesi[sz](?:e|es|ed|ing) (?:generation|simulations?|synthesis)_of'
);
export const CREATE = w(
	'creat(?:e|es|ed|ing) produc(?:e|es|ed|ing) build(?:s|ing)? built construct(?:s|ed|ing)?',
	'manufactur(?:e|es|ed|ing) (?:cook|whip|mock)(?:s|ed|ped|ing|ping)?_up spit(?:s|ting)?_out'
);
export const MADE_UP = w('fabricated invented made[-_]up faked falsified forged doctored fudged');
export const MADE_BY = `(?: (?:randomly|artificially|synthetically))? ${alt(w('generated simulated synthesi[sz]ed'), MADE_UP)}`;
export const RELATIVE = `(?: ${w('that which')}(?: ${w('is are was were')})?| ${w('to can could will should may might')} be)`;
export const HOLES = w(
	'missing gaps? nans? holes blanks empty prices bars data quotes returns days dates weekends holidays rows',
	'histor(?:y|ies) series closes? volume values'
);
export const FILL = w(
	'fill(?:s|ed|ing)? replac(?:e|es|ed|ing) imput(?:e|es|ed|ing) pad(?:s|ded|ding)? patch(?:es|ed|ing)?',
	'plug(?:s|ged|ging)? populat(?:e|es|ed|ing) backfill(?:s|ed|ing)? substitut(?:e|es|ed|ing)',
	'interpolat(?:e|es|ed|ing) extrapolat(?:e|es|ed|ing)'
);
export const FILLING = w(
	'random(?!_forests?) arbitrary fake synthetic made[-_]up invented dummy simulated generated placeholder',
	'imaginary fictional fabricated bogus mock guessed guesses'
);

export const ANY_DATA = alt(MARKET, DATA, RESULTS);

// ── Guaranteed profit ──────────────────────────────────────────────────────────────────────────────────────

const PERCENT_GAIN =
	`\\d[\\d.,]*%(?: ${w('a per an each every')} ${w('year month week day annum trade')}` +
	`| ${w('annual(?:ly|i[sz]ed)? monthly yearly weekly daily')}(?: ${w('returns? gains? profits? yields?')})?` +
	`| ${w('returns? gains? profits? yields? roi upside annually')})`;
export const G_NOUN = alt(
	w(
		'profits? profitability returns? gains? income money earnings yields? payouts? wins winners winning_trades',
		'alpha outperformance roi upside (?:win|hit|success)_rates? \\d+x double_(?:my|your|the|our)_money',
		'positive_returns profitable_(?:trades|results|strateg(?:y|ies))'
	),
	PERCENT_GAIN
);
// Reproducibility talk uses the same verb: "guarantee the same returns on every re-run".
export const NOT_PROMISE = w(
	', same identical reproducible reproducibility deterministic consistent correct correctly accurate accurately',
	'exact exactly recorded computed calculated no not never but or and because if unless'
);
export const MEASURED = w(
	'computed calculated correct accurate reproducible the_same identical deterministic consistent logged',
	'recorded saved stored reported measured'
);
export const RISK_FREE = w('risk[-_]?free riskless no[-_]risk zero[-_]risk risk-less');
// The finance terms built on "risk-free" and "risk": the risk-free rate, risk factors, risk management.
export const RISK_TERMS = w(
	'rates? assets? bonds? yields? curves? interest benchmarks? instruments? securit(?:y|ies) returns? proxy',
	'treasur(?:y|ies) factors? premi(?:um|a|ums) management controls? adjust\\w* models? metrics? measures?',
	'aversion parity budgets? limits? of_the'
);
export const LOSS_FOLLOW = w(
	'and but or so money cash capital trades bets dollars ever any_(?:money|trades?|bets?|capital)',
	'a_(?:single_)?(?:trade|bet|cent|penny|dime|dollar|day|week|month|year)',
	'(?:in|on|over)_(?:any|a_single)_(?:market|year|month|week|day|trade|bet|regime|period)'
);

// ── Switched-off checks ────────────────────────────────────────────────────────────────────────────────────

export const SOURCE = w(
	'polygon(?:\\.io)? massive fred yahoo(?:_finance)? quandl nasdaq(?:_data_link)?',
	'an?_(?:approved|real|verified|allowed|official)_source'
);
export const GENUINE = w('real genuine verified approved authentic official legit(?:imate)? compliant');
// The checks themselves, as objects of "disable", "skip", "without".
export const CHECKS = alt(
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
export const CHECKS_OR_RULES = alt(
	CHECKS,
	`${w('the all any your these those its every all_the all_of_the')} ` +
		`${w('rules restrictions limits checks safeguards guardrails policies')}${not('of thumb')}`,
	`${w('previous prior above earlier your all_previous all_prior all_your your_system')} ` +
		w('instructions prompts? system_prompt'),
	'system prompt'
);
// "compliance report", "audit log export": the checks named as a thing to read, not to switch off.
export const NOT_SWITCH = `(?![- ]${w(
	'reports? summar(?:y|ies) status scores? dashboards? tabs? pages? views? issues? problems? officers? teams?',
	'departments? costs? docs documentation training courses? based free'
)}${END})`;
export const FILLER = w(
	"the a an all any every each of these those this that your my our its their mltrainer's mltrainer app app's",
	'built-in builtin current existing internal stupid annoying pesky strict whole entire usual normal default',
	'standard remaining other such some just completely entirely fully totally temporarily please simply even',
	'also now data source sources trial import api security polygon massive yahoo fred quandl new silly damn',
	'extra required mandatory automatic automated quietly secretly'
);
export const SWITCH_OFF = w(
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
export const SWITCHED_OFF = w(
	'disabled off bypassed ignored skipped removed deleted deactivated circumvented suspended waived relaxed',
	'lifted overridden cleared wiped erased'
);
export const TAMPER = w(
	'chang(?:e|es|ed|ing) edit(?:s|ed|ing)? overwrit(?:e|es|ing) overwritten modif(?:y|ies|ied|ying)',
	'alter(?:s|ed|ing)? rewrit(?:e|es|ing) spoof(?:s|ed|ing)? fak(?:e|es|ed|ing) forg(?:e|es|ed|ing)',
	'falsif(?:y|ies|ied|ying) tamper(?:s|ed|ing)?_with doctor(?:s|ed|ing)? backdat(?:e|es|ed|ing)'
);
export const PROVENANCE_FIELD = alt(
	w(
		'provenance source_(?:field|tag|label) origin(?:_field)? sha-?256 hash(?:es)?(?!_functions?) checksums?',
		'retrievedat retrieved[-_]at timestamps?_of'
	),
	`sources? of(?: ${w('the this these that my our')})? ${alt(DATA, MARKET, w('files? csvs? imports?'))}`
);
