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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Hex digits of `n` (`width` wide) as a pattern that takes either case: 2f, 2F. */
const hexOf = (n: number, width: number) =>
	[...n.toString(16).padStart(width, '0')]
		.map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
		.join('');

/** JSON's short escapes and HTML's named entities, as the echo spells them. */
const SHORT: Record<string, string[]> = {
	'"': ['\\"', '&quot;'],
	'\\': ['\\\\'],
	'/': ['\\/'],
	'\b': ['\\b'],
	'\f': ['\\f'],
	'\n': ['\\n'],
	'\r': ['\\r'],
	'\t': ['\\t'],
	'&': ['&amp;'],
	'<': ['&lt;'],
	'>': ['&gt;'],
};

/**
 * One character of a secret as a server may echo it: as is, JSON-escaped (`\/`, `\"`, `\\`, `\uXXXX` in
 * either case, surrogate pairs), HTML-escaped, percent-encoded (each UTF-8 byte, either case; the `%` itself
 * may be JSON-escaped), or `+` for a space. Any mix of these along the secret matches.
 */
function charPattern(char: string): string {
	const alts = new Set([escapeRegExp(char)]);
	const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
	alts.add(units.map((u) => `\\\\u${hexOf(u, 4)}`).join(''));
	for (const form of SHORT[char] ?? []) alts.add(escapeRegExp(form));
	const code = char.codePointAt(0) ?? 0;
	alts.add(`&#0*${code};`);
	alts.add(`&#[xX]0*${hexOf(code, 1)};`);
	alts.add([...Buffer.from(char)].map((b) => `(?:%|\\\\u0025)${hexOf(b, 2)}`).join(''));
	if (char === ' ') alts.add('\\+');
	return `(?:${[...alts].join('|')})`;
}

/** The encodings of the whole secret besides its characters': base64 and base64url (of the exact bytes). */
function secretTexts(secret: string): string[] {
	const texts = new Set<string>();
	for (const key of [secret, secret.trim()]) {
		if (key.length < 3) continue;
		texts.add(key);
		texts.add(Buffer.from(key).toString('base64'));
		texts.add(Buffer.from(key).toString('base64url'));
	}
	return [...texts];
}

const patterns = new Map<string, RegExp | undefined>();

/** One pattern for every form of every secret, longest first; cached (a process uses a few keys). */
function patternOf(secrets: Array<string | undefined>): RegExp | undefined {
	const id = JSON.stringify(secrets);
	if (patterns.has(id)) return patterns.get(id);
	const texts = secrets.flatMap((s) => (s ? secretTexts(s) : []));
	const sources = [...new Set(texts)]
		.sort((a, b) => b.length - a.length)
		.map((text) => [...text].map(charPattern).join(''));
	const pattern = sources.length > 0 ? new RegExp(sources.join('|'), 'g') : undefined;
	if (patterns.size >= 16) patterns.clear();
	patterns.set(id, pattern);
	return pattern;
}

/** %XX runs decoded as UTF-8 (a malformed run stays as it is). */
function percentDecoded(text: string): string {
	return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return run;
		}
	});
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
	if (typeof value === 'string') return map(value);
	if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
	if (!isRecord(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([k, v]) => [map(k), mapStrings(v, map)]));
}

/** Deep enough for a key encoded twice, or URL-encoded inside a JSON string inside a JSON string. */
const DECODING_STEPS = 3;

function redactWith(text: string, pattern: RegExp, depth: number): string {
	let out = text.replace(pattern, '***');
	if (depth >= DECODING_STEPS) return out;
	// After URL-decoding (%252F, or an encoding mix the pattern misses): the decoded text, redacted, replaces it.
	const decoded = percentDecoded(out);
	if (decoded !== out) {
		const clean = redactWith(decoded, pattern, depth + 1);
		if (clean !== decoded) out = clean;
	}
	// After JSON parsing: every string and name as a parser reads it (whole body, or one line of it). Without a
	// backslash, parsing changes no string: the raw pass above has seen them all.
	if (!out.includes('\\')) return out;
	const lines = out.includes('\n') ? [out, ...out.split('\n')] : [out];
	for (const line of lines) {
		const json = parseJsonLenient(line);
		if (json === undefined) continue;
		let found = false;
		const mapped = mapStrings(json, (s) => {
			const clean = redactWith(s, pattern, depth + 1);
			if (clean !== s) found = true;
			return clean;
		});
		if (found) out = out.split(line).join(JSON.stringify(mapped));
	}
	return out;
}

/**
 * Never let a secret reach an error message or an output item, in any form a server may echo the query or
 * headers it received (see charPattern), raw and after each decoding step a parser takes: URL-decoding, and
 * JSON parsing of every string. The one place that redacts: every caller goes through here.
 */
export function redact(text: string, secrets: Array<string | undefined>): string {
	const pattern = patternOf(secrets);
	return pattern ? redactWith(text, pattern, 0) : text;
}

/** Short excerpt of an unexpected body for an error message. */
export function excerpt(text: string, max = 200): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
