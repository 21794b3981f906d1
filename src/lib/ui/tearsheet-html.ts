/**
 * A QuantStats-style tear sheet as ONE self-contained HTML file (issue 12): the numbers of
 * research/portfolio/tearsheet.ts drawn as inline SVG — cumulative returns against a benchmark, drawdown, rolling
 * Sharpe and volatility, the return distribution — with the monthly returns heat map, the worst drawdown periods
 * and the summary. No script, no stylesheet or font from elsewhere, no external reference of any kind: the file
 * opens offline, from a disk or an e-mail, years later. Every text is escaped. Pure (a string out).
 */
import type { TearSheet } from '../research/portfolio/tearsheet';

export interface TearSheetDocument {
	readonly title: string;
	/** What the returns are, in words (e.g. "out-of-sample net returns of trial t-1, 5 bps costs"). */
	readonly subtitle: string;
	/** The protocol the returns came from, shown beside every number. */
	readonly protocol: string;
	readonly sheet: TearSheet;
	/** A benchmark's cumulative returns on the same dates (buy and hold), or null. */
	readonly benchmark: { readonly label: string; readonly cumulative: Float64Array } | null;
	/** ISO time the file was made. */
	readonly generatedAt: string;
}

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const pct = (v: number | null, digits = 1): string =>
	v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(digits)} %`;
const fixed = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');

const W = 720;
const H = 180;
const PAD = { left: 48, right: 8, top: 10, bottom: 22 };

interface Line {
	readonly values: ArrayLike<number>;
	readonly color: string;
	readonly label: string;
	readonly fill?: boolean;
}

/** A line chart over the dates as inline SVG; NaN values break the line. */
export function lineChartSvg(
	title: string,
	dates: readonly string[],
	lines: readonly Line[],
	asPercent: boolean
): string {
	const n = dates.length;
	let lo = Infinity;
	let hi = -Infinity;
	for (const l of lines)
		for (let i = 0; i < l.values.length; i++) {
			const v = l.values[i];
			if (Number.isFinite(v)) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
		}
	if (!(hi > lo)) {
		lo = Number.isFinite(lo) ? lo - 1 : -1;
		hi = Number.isFinite(hi) ? hi + 1 : 1;
	}
	const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * i) / Math.max(1, n - 1);
	const y = (v: number) => PAD.top + ((H - PAD.top - PAD.bottom) * (hi - v)) / (hi - lo);
	const paths = lines.map((l) => {
		let d = '';
		let pen = false;
		for (let i = 0; i < l.values.length; i++) {
			const v = l.values[i];
			if (!Number.isFinite(v)) {
				pen = false;
				continue;
			}
			d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
			pen = true;
		}
		const area =
			l.fill && d
				? `<path d="${d}L${x(l.values.length - 1).toFixed(1)},${y(Math.max(lo, Math.min(hi, 0))).toFixed(1)}L${x(0).toFixed(1)},${y(Math.max(lo, Math.min(hi, 0))).toFixed(1)}Z" fill="${l.color}" fill-opacity="0.25" stroke="none"/>`
				: '';
		return `${area}<path d="${d}" fill="none" stroke="${l.color}" stroke-width="1.2"/>`;
	});
	const tick = (v: number) => (asPercent ? pct(v, 0) : fixed(v, 1));
	const zero =
		lo < 0 && hi > 0
			? `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0)}" y2="${y(0)}" stroke="#999" stroke-dasharray="3 3"/>`
			: '';
	const legend = lines
		.map((l, i) => `<tspan fill="${l.color}" dx="${i ? 12 : 0}">■ ${escapeHtml(l.label)}</tspan>`)
		.join('');
	return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}">
<text x="${PAD.left}" y="${H - 4}" font-size="10">${escapeHtml(dates[0] ?? '')}</text>
<text x="${W - PAD.right}" y="${H - 4}" font-size="10" text-anchor="end">${escapeHtml(dates[n - 1] ?? '')}</text>
<text x="${PAD.left - 4}" y="${PAD.top + 8}" font-size="10" text-anchor="end">${tick(hi)}</text>
<text x="${PAD.left - 4}" y="${H - PAD.bottom}" font-size="10" text-anchor="end">${tick(lo)}</text>
${zero}${paths.join('')}
<text x="${W / 2}" y="${H - 4}" font-size="10" text-anchor="middle">${legend}</text>
</svg><figcaption>${escapeHtml(title)}</figcaption></figure>`;
}

function histogramSvg(sheet: TearSheet): string {
	const { edges, counts } = sheet.histogram;
	const max = Math.max(1, ...counts);
	const bw = (W - PAD.left - PAD.right) / Math.max(1, counts.length);
	const bars = counts
		.map((c, i) => {
			const h = ((H - PAD.top - PAD.bottom) * c) / max;
			return `<rect x="${(PAD.left + i * bw).toFixed(1)}" y="${(H - PAD.bottom - h).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#4472c4"><title>${pct(edges[i], 2)} to ${pct(edges[i + 1], 2)}: ${c} days</title></rect>`;
		})
		.join('');
	return `<figure><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="Distribution of daily returns">
${bars}<text x="${PAD.left}" y="${H - 4}" font-size="10">${pct(edges[0] ?? NaN, 1)}</text>
<text x="${W - PAD.right}" y="${H - 4}" font-size="10" text-anchor="end">${pct(edges[edges.length - 1] ?? NaN, 1)}</text>
<text x="${PAD.left - 4}" y="${PAD.top + 8}" font-size="10" text-anchor="end">${max}</text>
</svg><figcaption>Distribution of daily returns (${counts.reduce((a, b) => a + b, 0)} days)</figcaption></figure>`;
}

/** Green for gains, red for losses, the stronger the larger (capped at ±10 % a month). */
function heat(v: number | null): string {
	if (v === null || !Number.isFinite(v)) return '';
	const a = Math.min(1, Math.abs(v) / 0.1);
	const rgb = v >= 0 ? '46,160,67' : '214,57,57';
	return ` style="background: rgba(${rgb},${(0.1 + 0.6 * a).toFixed(2)})"`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthlyTable(sheet: TearSheet): string {
	const rows = sheet.monthly
		.map(
			(r) =>
				`<tr><th>${r.year}</th>${r.months.map((m) => `<td${heat(m)}>${pct(m)}</td>`).join('')}<td${heat(r.total)}><strong>${pct(r.total)}</strong></td></tr>`
		)
		.join('');
	return `<table class="monthly"><caption>Monthly returns (compounded)</caption><thead><tr><th>Year</th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function drawdownTable(sheet: TearSheet): string {
	const rows = sheet.drawdownPeriods
		.map(
			(p) =>
				`<tr><td>${escapeHtml(p.start)}</td><td>${escapeHtml(p.trough)}</td><td>${escapeHtml(p.recovery ?? 'not recovered')}</td><td>${pct(p.depth, 2)}</td><td>${p.tradingDays}</td></tr>`
		)
		.join('');
	return `<table><caption>Worst drawdowns</caption><thead><tr><th>Start</th><th>Trough</th><th>Recovery</th><th>Depth</th><th>Trading days</th></tr></thead><tbody>${rows || '<tr><td colspan="5">No drawdown</td></tr>'}</tbody></table>`;
}

function summaryTable(sheet: TearSheet): string {
	const s = sheet.summary;
	const rows: [string, string][] = [
		[
			'Period',
			`${sheet.dates[0] ?? '—'} to ${sheet.dates[sheet.dates.length - 1] ?? '—'} (${sheet.returns.length} days)`
		],
		['Total return', pct(s.totalReturn, 2)],
		['Annual return', pct(s.annualReturn, 2)],
		['Annual volatility', pct(s.volatility, 2)],
		['Sharpe ratio (daily, annualised, rf 0)', fixed(s.sharpe)],
		['Sortino ratio', fixed(s.sortino)],
		['Max drawdown', pct(s.maxDrawdown, 2)],
		['Calmar ratio', fixed(s.calmar)]
	];
	return `<table class="summary"><caption>Summary</caption><tbody>${rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:760px;color:#1a1a1a;padding:0 .75rem}
h1{font-size:1.4rem;margin:0}p.sub{color:#555;margin:.25rem 0 1rem}figure{margin:1rem 0}svg{width:100%;height:auto;background:#fafafa}
figcaption,caption{font-weight:600;text-align:left;margin:.25rem 0}table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:12px}
th,td{border:1px solid #ddd;padding:3px 5px;text-align:right}th:first-child{text-align:left}.summary th{text-align:left}
footer{color:#666;font-size:12px;margin-top:2rem}`;

/** The whole file. */
export function tearSheetHtml(doc: TearSheetDocument): string {
	const { sheet } = doc;
	const cumulative: Line[] = [{ values: sheet.cumulative, color: '#4472c4', label: 'Strategy' }];
	if (doc.benchmark)
		cumulative.push({ values: doc.benchmark.cumulative, color: '#999999', label: doc.benchmark.label });
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(doc.title)}</h1><p class="sub">${escapeHtml(doc.subtitle)}</p>
<p class="sub">Protocol: ${escapeHtml(doc.protocol)}</p>
${summaryTable(sheet)}
${lineChartSvg('Cumulative return', sheet.dates, cumulative, true)}
${lineChartSvg('Drawdown', sheet.dates, [{ values: sheet.drawdown, color: '#d63939', label: 'Drawdown', fill: true }], true)}
${monthlyTable(sheet)}
${drawdownTable(sheet)}
${lineChartSvg(`Rolling ${sheet.rollingWindow}-day Sharpe ratio`, sheet.dates, [{ values: sheet.rollingSharpe, color: '#2e7d32', label: 'Sharpe' }], false)}
${lineChartSvg(`Rolling ${sheet.rollingWindow}-day volatility (annualised)`, sheet.dates, [{ values: sheet.rollingVolatility, color: '#8e44ad', label: 'Volatility' }], true)}
${histogramSvg(sheet)}
<footer>Made by mlTrainer on ${escapeHtml(doc.generatedAt)}. Past out-of-sample returns; not advice. This file needs no network.</footer>
</body></html>
`;
}
