/**
 * Market symbols named in a text: shared by the goal (goal-components.ts) and chat memory (ai/memory-topics.ts),
 * so both read the same symbols. It lives in research/ because ai/ sits above research/ (ARCHITECTURE §3).
 * Pure: no I/O.
 */

/** FRED series the product knows by id; a closed list of non-words, so they match in any case. */
export const FRED_SERIES_IDS = [
	'GDP',
	'UNRATE',
	'CPIAUCSL',
	'DFF',
	'DGS10',
	'DGS2',
	'DEXUSEU',
	'HOUST',
	'INDPRO',
	'PAYEMS',
	'UMCSENT'
] as const;
const FRED = new RegExp(`(?<![\\w$^:])(?:${FRED_SERIES_IDS.join('|')})(?!\\w)`, 'gi');

// Upper-case words that are not tickers: English words people capitalise, units, acronyms of the trade and of
// the catalog, data sources and institutions. A ticker that is also such a word (ALL, KEY, IT, ON) is written with a $ prefix.
const NOT_TICKERS = new Set(
	(
		'AN AND ANY ALL ARE AS AT BE BUT BY CAN DO FOR FROM GO HE HI HEY HOW IF IN IS IT ITS ME MY NO NOT NOW OF OFF ' +
		'OH OK OKAY ON ONE OR OUT SO THE THIS THAT TO UP US WE WHAT WHEN WHO WHY WILL WITH YES YOU ALSO ONLY VERY ' +
		'MUST NEVER PLEASE THANKS NOTE TODO FYI BTW IMO ASAP LOL OMG PS NB TBD TBA FAQ NEW TOP KEY LOW HIGH OPEN ' +
		'CLOSE BUY SELL HOLD LONG SHORT STOP LOSS RISK DAY DAYS WEEK YEAR DATA TEST TRAIN RUN TRUE FALSE NULL NAN NA ' +
		'AI ML API CSV JSON URL HTTP HTTPS PDF ID UI UX GPU CPU RAM LLM GPT USA UK EU NY DC AM PM UTC GMT EST EDT ET ' +
		'PT USD EUR GBP JPY CHF FX ETF ETFS IPO CEO CFO SEC FED FOMC CPI PPI EPS PE ROI ROE YTD QTD MTD EOD ATH OHLC ' +
		'OHLCV MAX MIN AVG STD DEV VS TP SL PNL KPI SHAP II III IV VI VII VIII IX XI XII RSI MACD EMA SMA ATR ADX ' +
		'CCI OBV SAR VWAP VPA VAR CVAR ES IC IR MDD MSE RMSE MAE MAPE AUC ROC LSTM GRU CNN RNN MLP SVM SVR KNN PCA ' +
		'OLS GBM DQN PPO HMM TFT BERT GNN ODE NLP TAR ADF KPSS EWMA PELT MAML ARIMA GARCH FRED NYSE CBOE CME BLS ' +
		'BEA ECB BOE BOJ IMF OECD'
	).split(' ')
);
const DOLLAR = /(?<![\w$])\$([A-Za-z]{1,5}(?:\.[A-Z]{1,2})?)(?!\w)/g;
// Polygon index, crypto and currency tickers (I:SPX, X:BTCUSD, C:EURUSD) and Yahoo indices (^GSPC).
const PREFIXED = /(?<![\w:])([IXC]:[A-Z][A-Z0-9]{1,11})(?!\w)|(?<![\w^])(\^[A-Za-z]{2,6})(?!\w)/g;
const BARE = /(?<![\w$^:.])[A-Z]{2,5}(?:\.[A-Z]{1,2})?(?![\w:])/g;

/**
 * A text typed in capitals ("BUY SPY NOW PLEASE") makes every word look like a ticker: when most words are
 * upper-case and at least two of them are ordinary words, only $, prefixed and FRED ids count. A list of
 * tickers ("AAPL, MSFT and BRK.B") has few ordinary words in capitals and is read as usual.
 */
function shouting(text: string): boolean {
	const words = text.match(/[A-Za-z]{2,}/g) ?? [];
	const upper = words.filter((w) => w === w.toUpperCase());
	return upper.length / words.length > 0.5 && upper.filter((w) => NOT_TICKERS.has(w)).length >= 2;
}

/**
 * Market symbols in a text, upper-cased, in order of first appearance: `$aapl`, Polygon `I:SPX`, Yahoo `^GSPC`,
 * the known FRED ids in any case, and bare upper-case words of 2-5 letters (with an optional share class,
 * BRK.B) that are not on the stop-list ("FOR", "OK", "US", "AI"). Lower-case words never count, so "for" is
 * not the ticker FOR; single letters count only with a $ ("$F").
 */
export function extractSymbols(text: string): string[] {
	if (typeof text !== 'string') return [];
	const source = text.normalize('NFKC');
	const found: { index: number; symbol: string }[] = [];
	for (const m of source.matchAll(DOLLAR)) found.push({ index: m.index, symbol: m[1].toUpperCase() });
	for (const m of source.matchAll(PREFIXED))
		found.push({ index: m.index, symbol: (m[1] ?? m[2]).toUpperCase() });
	for (const m of source.matchAll(FRED)) found.push({ index: m.index, symbol: m[0].toUpperCase() });
	if (!shouting(source)) {
		for (const m of source.matchAll(BARE)) {
			if (!NOT_TICKERS.has(m[0])) found.push({ index: m.index, symbol: m[0] });
		}
	}
	found.sort((a, b) => a.index - b.index);
	return [...new Set(found.map((f) => f.symbol))];
}
