/**
 * Error codes that prove a purchase bought nothing, so a failover branch or Best Offer may buy elsewhere: the
 * providers' documented refusals of getNumber (OTPGet's ERROR_PRICE_CHANGE and NO_BALANCE_FOR_NEW_PRICE say
 * "number auto-cancelled, no charge") and the node's own refusals before any request (Max Price, a price that
 * cannot be known under a limit). Budget refusals (BUDGET_PURCHASES, BUDGET_SPEND) are not here: they stop a
 * search, they are not about one offer. One list: the README's failover recipe and
 * examples/provider-failover.json route on exactly these (test/examples.nothingBought.test.ts checks it).
 */
export const NOTHING_BOUGHT_CODES = [
	'NO_NUMBERS',
	'NO_BALANCE',
	'MAX_PRICE_EXCEEDED',
	'SERVICE_UNAVAILABLE',
	'ERROR_PRICE_CHANGE',
	'NO_BALANCE_FOR_NEW_PRICE',
	'PRICE_ABOVE_MAX',
	'PRICE_UNKNOWN',
] as const;

/** The node's own refusals among them (spend guard), not provider answers. */
export const NODE_REFUSALS: readonly string[] = ['PRICE_ABOVE_MAX', 'PRICE_UNKNOWN'];

const CODES: ReadonlySet<string> = new Set(NOTHING_BOUGHT_CODES);

/** Whether a purchase failure with this code, known not to hide an order, lets a search move on. */
export function nothingBought(code: string | undefined, moneyAtRisk: boolean): boolean {
	return !moneyAtRisk && code !== undefined && CODES.has(code);
}
