import type { HandleClientError } from '@sveltejs/kit';
import { logger } from '$lib/app/logger';

/** Unexpected errors in the page go through the redacting logger; the user sees a message, not a stack. */
export const handleError: HandleClientError = ({ error, message }) => {
	logger.error('unexpected error', error);
	return { message };
};
