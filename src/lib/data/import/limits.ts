/**
 * Hard limits of a file import (reference B.10). They are checked on the raw bytes and on the tokenised rows
 * before any value is converted, so a hostile file costs a bounded amount of time and memory in the worker.
 */

/** Daily bars for every U.S. stock over decades fit in far less; anything bigger is not a research file. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** Two million rows ≈ 8,000 years of daily bars, or 5 years of one-minute bars: enough for any single series. */
export const MAX_IMPORT_ROWS = 2_000_000;
/** Wide enough for a multi-series export; a 10,000-column file is a spreadsheet accident or an attack. */
export const MAX_IMPORT_COLUMNS = 200;
/** No date or number needs more; a longer field is a runaway quote or a pasted blob. */
export const MAX_FIELD_CHARS = 10_000;
/** The error report keeps this many rows in full and only counts the rest (B.10 "first 100 errors plus counts"). */
export const MAX_ROW_ERRORS_KEPT = 100;
/** Rows shown in the import dialog's preview table. */
export const PREVIEW_ROWS = 20;
/** Lines sampled to guess the delimiter, the header and the date format. */
export const SNIFF_LINES = 200;
/** A quoted cell in an error message is cut to this many characters: messages are for people, not dumps. */
export const MESSAGE_CELL_CHARS = 40;
/** A column name in a row error is cut to this many characters. */
export const MAX_COLUMN_NAME_CHARS = 100;
