/**
 * How many catalog entries there are and how many run, counted from the catalog at build time (vite.config.ts):
 * the home page shows them without loading the catalog itself (22 KiB gzip) on a first visit.
 */
export const CATALOG_COUNTS: { readonly total: number; readonly runnable: number } = __CATALOG_COUNTS__;
