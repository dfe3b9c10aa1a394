/**
 * JSON.parse rounds integers past 2^53: a rental order_id sent unquoted, 2673093356180000583, would become
 * 2673093356180000500 and its SMS could never be fetched. Every integer of 16 digits or more outside a string
 * is quoted before parsing, so it reaches the parsers as the exact text sent (they read ids as text anyway).
 */
const TOKEN = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

export function quoteBigInts(json: string): string {
	if (!/\d{16}/.test(json)) return json;
	return json.replace(TOKEN, (token) => (token.startsWith('"') ? token : `"${token}"`));
}
