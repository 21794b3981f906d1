/**
 * The approved real data sources (ARCHITECTURE §1). Polygon.io is now Massive: both hosts are the same source.
 * This module is pure policy: it decides, it does not fetch.
 */
import { SOURCES, type Source } from '../domain/provenance';

export const APPROVED_SOURCES: readonly Source[] = SOURCES;

export const SOURCE_LABELS: Readonly<Record<Source, string>> = {
	polygon: 'Polygon.io / Massive',
	fred: 'FRED (Federal Reserve Bank of St. Louis)',
	yahoo: 'Yahoo Finance',
	quandl: 'Quandl / Nasdaq Data Link'
};

export function isApprovedSource(source: string): source is Source {
	return (APPROVED_SOURCES as readonly string[]).includes(source);
}
