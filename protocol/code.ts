/**
 * OTP extraction from free text ("<#> Your WhatsApp Business code 740-279"): 4–8 digits, or two
 * groups of 3–4 digits joined by a dash or space, not part of a longer number.
 */
export const DEFAULT_CODE_PATTERN = '(?<!\\d)(\\d{3,4}[- ]\\d{3,4}|\\d{4,8})(?!\\d)';

/**
 * The first non-empty match of `pattern` (its group 1 when it has one). A pattern that matches the empty string
 * ("\d*", "(x?)") is not a code there: the scan goes on, and with no non-empty match there is no code.
 * An invalid pattern throws a SyntaxError (the nodes check patterns before use).
 */
export function extractCode(
	text: string | null | undefined,
	pattern: string = DEFAULT_CODE_PATTERN,
): string | null {
	if (!text) return null;
	const re = new RegExp(pattern, 'g');
	// Each turn moves on by at least one character, so this ends.
	while (re.lastIndex <= text.length) {
		const match = re.exec(text);
		if (!match) return null;
		if (match[0] === '') re.lastIndex = match.index + 1;
		const found = (match[1] ?? match[0]).trim();
		if (found !== '') {
			// Codes shown as 740-279 are typed as 740279.
			return pattern === DEFAULT_CODE_PATTERN ? found.replace(/[- ]/g, '') : found;
		}
	}
	return null;
}

/** Prefer the provider's own code field; fall back on extracting it from the text. */
export function codeFrom(
	providerCode: unknown,
	text: string | null | undefined,
	pattern?: string,
): string | null {
	const given =
		typeof providerCode === 'string' || typeof providerCode === 'number'
			? String(providerCode).trim()
			: '';
	if (given) return given;
	return extractCode(text, pattern);
}

/**
 * The code of one message, as both Wait for OTP and the Trigger read it: with the user's pattern, its first
 * non-empty match (else the provider's own field); without, the provider's field, else the default pattern. Never "".
 */
export function messageCode(
	providerCode: unknown,
	text: string | null | undefined,
	pattern?: string,
): string | null {
	if (pattern) return extractCode(text, pattern) || codeFrom(providerCode, null) || null;
	return codeFrom(providerCode, text) || null;
}
