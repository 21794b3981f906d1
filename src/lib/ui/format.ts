/** Display formatting. A NaN metric is "not available", never 0 or a blank that looks like a value. */
export const NOT_AVAILABLE = 'n/a';

export function pct(v: number | null | undefined, digits = 2): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return NOT_AVAILABLE;
	return `${(v * 100).toFixed(digits)}%`;
}

export function num(v: number | null | undefined, digits = 3): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return NOT_AVAILABLE;
	return v.toFixed(digits);
}

/** Scientific notation, for quantities far below 1 (variances, their squared errors). */
export function sci(v: number | null | undefined, digits = 2): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return NOT_AVAILABLE;
	return v.toExponential(digits);
}

export function int(v: number | null | undefined): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return NOT_AVAILABLE;
	return Math.round(v).toLocaleString('en-US');
}

export function date(t: number | null | undefined): string {
	if (t === null || t === undefined || !Number.isFinite(t)) return NOT_AVAILABLE;
	return new Date(t).toISOString().slice(0, 10);
}

export function dateTime(t: number | null | undefined): string {
	if (t === null || t === undefined || !Number.isFinite(t)) return NOT_AVAILABLE;
	return new Date(t).toISOString().slice(0, 16).replace('T', ' ');
}

export function ms(v: number | null | undefined): string {
	if (v === null || v === undefined || !Number.isFinite(v)) return NOT_AVAILABLE;
	return v < 1_000 ? `${v.toFixed(0)} ms` : `${(v / 1_000).toFixed(1)} s`;
}

/**
 * A named number of an analysis: '%' shows a fraction as a percentage; other units follow the value; six
 * significant digits, switching to scientific notation far from 1 (a p-value of 3e-12, a price of 2.1e6).
 */
export function namedValue(value: number, unit?: string): string {
	if (!Number.isFinite(value)) return NOT_AVAILABLE;
	if (unit === '%') return pct(value, 2);
	const a = Math.abs(value);
	const text =
		a !== 0 && (a < 1e-4 || a >= 1e9)
			? value.toExponential(3)
			: Number.isInteger(value)
				? value.toLocaleString('en-US')
				: Number(value.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
	return unit ? `${text} ${unit}` : text;
}
