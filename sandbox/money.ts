/** Money helpers: integer paisa inside, "4955.00" outside. */

export function toCents(pkr: number): number {
	return Math.round(pkr * 100);
}

export function toPkr(cents: number): number {
	return cents / 100;
}

/** Two decimals, no thousands separator: ACCESS_BALANCE:4955.00, "price_paid":"840.00". */
export function formatMoney(cents: number): string {
	return (cents / 100).toFixed(2);
}

/**
 * A JSON number written with two decimals (the docs show "price": 120.00, which
 * JSON.stringify would print as 120). Still a plain number to any JSON parser.
 */
export class Money {
	constructor(readonly cents: number) {}
}

const MARK = '\u0000money:';

export function toJson(value: unknown): string {
	const text = JSON.stringify(value, (_k, v: unknown) =>
		v instanceof Money ? MARK + formatMoney(v.cents) : v,
	);
	return text.replace(/"\\u0000money:(-?\d+\.\d\d)"/g, '$1');
}
