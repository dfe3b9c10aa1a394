import { classifyError, unexpectedResponse } from './classify';
import type { ErrorTable } from './errors';
import { normalizeBody } from './text';

export interface RawResponse {
	/** HTTP status; providers put real answers behind 401/403/404, so it never decides alone. */
	status: number;
	body: unknown;
}

/**
 * One rule for every action: a success form wins whatever the HTTP status, then a known error form,
 * then anything else is an error quoting the body. A PHP notice printed before the answer must not hide
 * a paid order, so a multi-line body is also read line by line, last line first.
 * `d` (the request's provider) says whose error table reads the answer.
 */
export function decode<T>(
	raw: RawResponse,
	tryParse: (text: string) => T | undefined,
	d: { errorTable: ErrorTable },
): T {
	const table = d.errorTable;
	const text = normalizeBody(raw.body);
	if (text === '') throw unexpectedResponse(text, raw.status);
	const whole = tryParse(text);
	if (whole !== undefined) return whole;
	const wholeError = classifyError(text, raw.status, table);
	if (wholeError) throw wholeError;
	const lines = text.includes('\n')
		? text
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean)
				.reverse()
		: [];
	for (const line of lines) {
		const parsed = tryParse(line);
		if (parsed !== undefined) return parsed;
	}
	for (const line of lines) {
		const lineError = classifyError(line, raw.status, table);
		if (lineError) throw lineError;
	}
	throw unexpectedResponse(text, raw.status);
}
