/**
 * How every test and benchmark starts Chromium: Debian's build when installed (CI installs it), Playwright's
 * own otherwise, with the flags this sandboxed, offline machine needs (no sandbox as root, no background
 * network calls that would be refused).
 */
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_EXECUTABLE: string | undefined = existsSync(SYSTEM_CHROMIUM)
	? SYSTEM_CHROMIUM
	: undefined;

export const CHROMIUM_ARGS: readonly string[] = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];
