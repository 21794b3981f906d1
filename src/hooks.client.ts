import type { HandleClientError } from '@sveltejs/kit';
import { z } from 'zod';
import { logger } from '$lib/security/logger';

// zod probes `new Function` to decide whether it may compile fast parsers. Our CSP forbids eval, so the probe
// fails anyway — but the browser still reports it as a policy violation. Jitless mode skips the probe.
z.config({ jitless: true });

/** Unexpected errors in the page go through the redacting logger; the user sees a message, not a stack. */
export const handleError: HandleClientError = ({ error, message }) => {
	logger.error('unexpected error', error);
	return { message };
};
