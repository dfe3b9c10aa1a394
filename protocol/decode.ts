import { classifyError, unexpectedResponse } from './errors';
import { normalizeBody } from './text';

export interface RawResponse {
	/** HTTP status; providers put real answers behind 401/403/404, so it never decides alone. */
	status: number;
	body: unknown;
}

/**
 * One rule for every action: a success form wins whatever the HTTP status, then a known error form,
 * then anything else is an error quoting the body.
 */
export function decode<T>(raw: RawResponse, tryParse: (text: string) => T | undefined): T {
	const text = normalizeBody(raw.body);
	const parsed = text === '' ? undefined : tryParse(text);
	if (parsed !== undefined) return parsed;
	throw classifyError(text, raw.status) ?? unexpectedResponse(text, raw.status);
}
