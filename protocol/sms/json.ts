import { isRecord, parseJsonLenient, toStringValue } from '../text';

/** The first of `keys` that holds a value. */
export const first = (r: Record<string, unknown>, keys: readonly string[]): unknown =>
	keys.map((k) => r[k]).find((v) => v !== undefined && v !== null && v !== '');

const SUCCESS_WORDS = new Set(['ok', 'success', 'true', '200']);

/** A JSON object whose "status" says OK (SastaOTP's format=json), or undefined. */
export function okJson(text: string): Record<string, unknown> | undefined {
	const json = parseJsonLenient(text);
	if (!isRecord(json)) return undefined;
	return SUCCESS_WORDS.has(toStringValue(json.status).trim().toLowerCase()) ? json : undefined;
}

/** A JSON flag as sent: true/false, 1/0, or their strings. */
export const bool = (value: unknown): boolean | undefined =>
	typeof value === 'boolean'
		? value
		: value === 1 || value === '1' || value === 'true'
			? true
			: value === 0 || value === '0' || value === 'false'
				? false
				: undefined;
