/**
 * Error codes that prove a purchase bought nothing, so a failover branch may buy at another provider: the
 * providers' documented refusals of getNumber (OTPGet's ERROR_PRICE_CHANGE and NO_BALANCE_FOR_NEW_PRICE say
 * "number auto-cancelled, no charge") and the node's own Max Price refusal. One list: the README's failover
 * recipe and examples/provider-failover.json route on exactly these (test/examples.nothingBought.test.ts checks it).
 */
export const NOTHING_BOUGHT_CODES = [
	'NO_NUMBERS',
	'NO_BALANCE',
	'MAX_PRICE_EXCEEDED',
	'SERVICE_UNAVAILABLE',
	'ERROR_PRICE_CHANGE',
	'NO_BALANCE_FOR_NEW_PRICE',
	'PRICE_ABOVE_MAX',
] as const;
