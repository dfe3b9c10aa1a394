import { isRecord, parseJsonLenient, toNumber, toStringValue } from './text';

/**
 * rental-handler.php and email_handler.php answer a JSON object whose "status" (a string in the docs,
 * a number is accepted too) says what happened. Returns it only when status is one of `accepted`.
 */
export function jsonWithStatus(
	text: string,
	accepted: readonly string[] = ['200'],
): { status: string; body: Record<string, unknown> } | undefined {
	const json = parseJsonLenient(text);
	if (!isRecord(json)) return undefined;
	const status = toStringValue(json.status).trim();
	return accepted.includes(status) ? { status, body: json } : undefined;
}

/** The body of a `"status":"200"` answer; anything else is left to decode()'s error path. */
export function successJson(text: string): Record<string, unknown> | undefined {
	return jsonWithStatus(text)?.body;
}

/** An array of objects under `key`, or undefined when the field is missing or not a list. */
export function recordsOf(
	body: Record<string, unknown>,
	key: string,
): Array<Record<string, unknown>> | undefined {
	const list = body[key];
	return Array.isArray(list) ? list.filter(isRecord) : undefined;
}

/** The list under `key` of a `"status":"200"` answer, each entry mapped; undefined for any other answer. */
export function successList<T>(
	text: string,
	key: string,
	map: (entry: Record<string, unknown>) => T,
): T[] | undefined {
	const body = successJson(text);
	if (!body) return undefined;
	// An empty list may come without the array; "total":0 says so.
	const list = recordsOf(body, key) ?? (toNumber(body.total) === 0 ? [] : undefined);
	return list?.map(map);
}

/** Money and counters as a number, or null when missing or not numeric. */
export function numberOrNull(value: unknown): number | null {
	return toNumber(value) ?? null;
}

/** Trimmed string, or null for a missing/empty value. */
export function optionalString(value: unknown): string | null {
	const text = toStringValue(value).trim();
	return text === '' ? null : text;
}

const NO_ZONE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
// Date.parse alone is too lenient ('12' is a date to V8): only ISO-8601 with a zone gets through.
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * '2026-04-09 21:55:55' → '2026-04-09T21:55:55.000Z'. The docs give these times without a zone, so
 * they are read as UTC; a value that carries a zone ('2026-03-09T20:57:32Z', '+05:00') keeps it.
 * Returns null for anything that is not a date.
 */
export function toIsoTime(value: unknown): string | null {
	const text = toStringValue(value).trim();
	if (text === '') return null;
	const m = NO_ZONE.exec(text);
	if (!m && !WITH_ZONE.test(text)) return null;
	const ms = Date.parse(m ? `${m[1]}T${m[2]}Z` : text);
	return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
