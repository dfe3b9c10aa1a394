/**
 * OTP extraction from free text ("<#> Your WhatsApp Business code 740-279"): 4–8 digits, or two
 * groups of 3–4 digits joined by a dash or space, not part of a longer number.
 */
export const DEFAULT_CODE_PATTERN = '(?<!\\d)(\\d{3,4}[- ]\\d{3,4}|\\d{4,8})(?!\\d)';

export function extractCode(text: string | null | undefined, pattern: string = DEFAULT_CODE_PATTERN): string | null {
	if (!text) return null;
	const match = new RegExp(pattern).exec(text);
	if (!match) return null;
	const found = match[1] ?? match[0];
	// Codes shown as 740-279 are typed as 740279.
	return pattern === DEFAULT_CODE_PATTERN ? found.replace(/[- ]/g, '') : found;
}

/** Prefer the provider's own code field; fall back on extracting it from the text. */
export function codeFrom(providerCode: unknown, text: string | null | undefined, pattern?: string): string | null {
	const given = typeof providerCode === 'string' || typeof providerCode === 'number' ? String(providerCode).trim() : '';
	if (given) return given;
	return extractCode(text, pattern);
}
