/**
 * A saved API error response (FRED's `{"error_code":400,"error_message":…}`, Polygon/Massive's
 * `{"status":"ERROR","error":"Unknown API Key"}`) is refused with the error text it contains, so the user learns
 * what the API said instead of reading "not a supported JSON file".
 */
import { z } from 'zod';
import { MESSAGE_CELL_CHARS } from './limits';

/** The error text is a message for people; it is cut well above a cell's length but still bounded. */
const MAX_API_ERROR_CHARS = MESSAGE_CELL_CHARS * 5;

const fredError = z.object({ error_code: z.number(), error_message: z.string() });
const polygonError = z.object({
	status: z.enum(['ERROR', 'NOT_AUTHORIZED', 'NOT_FOUND']),
	request_id: z.string().optional(),
	error: z.string().optional(),
	message: z.string().optional()
});

function cut(text: string): string {
	const one = text.replace(/\s+/g, ' ').trim();
	return one.length > MAX_API_ERROR_CHARS ? `${one.slice(0, MAX_API_ERROR_CHARS)}…` : one;
}

/** The refusal message when `json` is a saved FRED or Polygon error body, else null. */
export function apiErrorMessage(json: unknown): string | null {
	const fred = fredError.safeParse(json);
	if (fred.success) {
		return `This file is a saved FRED error response, not data: FRED answered ${fred.data.error_code} ${JSON.stringify(cut(fred.data.error_message))}. Fix the request and save the response again.`;
	}
	const polygon = polygonError.safeParse(json);
	if (polygon.success) {
		const said = polygon.data.error ?? polygon.data.message ?? 'no error text';
		return `This file is a saved Polygon/Massive error response, not data: status ${polygon.data.status}, ${JSON.stringify(cut(said))}. Fix the request (or the API key) and save the response again.`;
	}
	return null;
}
