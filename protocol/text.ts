import { quoteBigInts } from './bigInt';

/** Body normalisation shared by every parser: providers send BOMs, CRLF and stray blanks. */
export function normalizeBody(raw: unknown): string {
	if (raw === undefined || raw === null) return '';
	let text: string;
	if (typeof raw === 'string') text = raw;
	else if (raw instanceof Uint8Array) text = new TextDecoder().decode(raw);
	else text = JSON.stringify(raw);
	return text
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.trim();
}

/** Splits on the first separator only: codes and provider payloads may themselves contain colons. */
export function splitFirst(text: string, separator = ':'): [string, string | undefined] {
	const at = text.indexOf(separator);
	if (at < 0) return [text, undefined];
	return [text.slice(0, at), text.slice(at + separator.length)];
}

/**
 * Parses JSON; if that fails, retries once after inserting the commas the provider's own documented
 * samples forget between two properties on separate lines (e.g. `"code":""\n "timestamp":…`).
 */
export function parseJsonLenient(text: string): unknown {
	const trimmed = quoteBigInts(text.trim());
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
	try {
		return JSON.parse(trimmed);
	} catch {
		const repaired = trimmed.replace(/("|\d|true|false|null|\}|\])(\s*\n\s*)(")/g, '$1,$2$3');
		try {
			return JSON.parse(repaired);
		} catch {
			return undefined;
		}
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Money and counters arrive as numbers or numeric strings ("840.00", 120.00). */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '') {
		const n = Number(value.replace(/,/g, '').trim());
		if (Number.isFinite(n)) return n;
	}
	return undefined;
}

/** An identifier or phone as text: only a string or a finite number is one ("false", "[object Object]" are not). */
export function scalarText(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

export function toStringValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : String(value);
}

/**
 * Every form a secret can take on the wire or in an echo: as typed, trimmed, URL-encoded by encodeURIComponent
 * and by n8n's query encoder (RFC 3986 also escapes ! ' ( ) *), form-encoded, with lower-case hex, and base64.
 */
function secretForms(secret: string): string[] {
	const forms = new Set<string>();
	for (const key of [secret, secret.trim()]) {
		if (!key) continue;
		const component = encodeURIComponent(key);
		const rfc3986 = component.replace(
			/[!'()*]/g,
			(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
		);
		for (const form of [
			key,
			component,
			rfc3986,
			rfc3986.replace(/%20/g, '+'),
			Buffer.from(key).toString('base64'),
		]) {
			forms.add(form);
			forms.add(form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
		}
	}
	return [...forms];
}

/**
 * Never let a secret reach an error message or an output item, in any form a server may echo the query or
 * headers it received (see secretForms).
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (!secret) continue;
		for (const form of secretForms(secret)) {
			if (form.length >= 3) forms.add(form);
		}
	}
	let out = text;
	// Longest first, so a shorter form never leaves part of a longer one behind.
	for (const form of [...forms].sort((a, b) => b.length - a.length))
		out = out.split(form).join('***');
	return out;
}

/** Short excerpt of an unexpected body for an error message. */
export function excerpt(text: string, max = 200): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
