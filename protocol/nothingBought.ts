/**
 * Refusals that prove nothing was bought, so a search may try the next offer (Best Offer). The provider's own
 * answers to a purchase request, and the node's refusals before any request (spend guard, unknown price).
 * Only a certain refusal counts: the same code on an answer whose outcome is unknown (moneyAtRisk) never does.
 * Budget refusals (BUDGET_PURCHASES, BUDGET_SPEND) are not here: they stop the search, they are not per offer.
 */
export const NOTHING_BOUGHT_CODES: ReadonlySet<string> = new Set([
	'NO_NUMBERS',
	'NO_BALANCE',
	'MAX_PRICE_EXCEEDED',
	'SERVICE_UNAVAILABLE',
	'ERROR_PRICE_CHANGE',
	'NO_BALANCE_FOR_NEW_PRICE',
	'PRICE_ABOVE_MAX',
	'PRICE_UNKNOWN',
]);

/** Whether a purchase failure with this code, known not to hide an order, lets the search move on. */
export function nothingBought(code: string | undefined, moneyAtRisk: boolean): boolean {
	return !moneyAtRisk && code !== undefined && NOTHING_BOUGHT_CODES.has(code);
}
