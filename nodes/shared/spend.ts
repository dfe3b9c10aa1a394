import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The spend guard: what one execution of a node may buy. Limits come from the node's options and from the
 * credential (an admin sets them once for everyone using it); the stricter of the two applies. All checks run
 * before any request that spends money.
 */
export interface SpendLimits {
	/** Most the execution may spend, in the provider's currency; undefined = no limit. */
	maxSpend?: number;
	/** Most purchases the execution may make; undefined = no limit. */
	maxPurchases?: number;
	/** Most one purchase may cost (the listed price is read first); undefined = no limit. */
	maxPrice?: number;
	currency: string;
}

interface Ledger {
	purchases: number;
	spent: number;
	/** Listed prices read in this execution, so a batch reads each service/country/server once. */
	prices: Map<string, Promise<number | null>>;
	touchedAt: number;
}

/**
 * One ledger per execution and node. An AI Agent calls a tool node once per tool call, each with its own
 * context, so the ledger is keyed by the execution id: the budget holds across the agent's whole run.
 */
const ledgers = new Map<string, Ledger>();
const MAX_LEDGERS = 2000;

function ledgerKey(ctx: IExecuteFunctions): string {
	const id = typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
	return `${id ?? 'no-execution'}:${ctx.getNode().id ?? ctx.getNode().name}`;
}

export function ledgerOf(ctx: IExecuteFunctions, now = Date.now()): Ledger {
	const key = ledgerKey(ctx);
	let ledger = ledgers.get(key);
	if (!ledger) {
		// Old executions are forgotten first; a running one is touched on every purchase.
		if (ledgers.size >= MAX_LEDGERS) {
			const oldest = [...ledgers.entries()]
				.sort((a, b) => a[1].touchedAt - b[1].touchedAt)
				.slice(0, MAX_LEDGERS / 4);
			for (const [k] of oldest) ledgers.delete(k);
		}
		ledger = { purchases: 0, spent: 0, prices: new Map(), touchedAt: now };
		ledgers.set(key, ledger);
	}
	ledger.touchedAt = now;
	return ledger;
}

const amount = (n: number, currency: string) =>
	`${Number.isInteger(n) ? n : n.toFixed(2)} ${currency}`;

/** The listed price for `key` (e.g. "sms:61:101:1"), read once per execution. */
export async function listedPrice(
	ctx: IExecuteFunctions,
	key: string,
	read: () => Promise<number | null>,
): Promise<number | null> {
	const ledger = ledgerOf(ctx);
	let price = ledger.prices.get(key);
	if (!price) {
		price = read();
		ledger.prices.set(key, price);
		// A failed read is not cached: the next item tries again.
		price.catch(() => ledger.prices.delete(key));
	}
	return await price;
}

/**
 * Refuses a purchase that would break a limit, naming the limit and the figures. `price` is the listed price,
 * or null when it cannot be known before buying (then only the purchase count and a spend already reached apply).
 */
export function checkSpend(
	ctx: IExecuteFunctions,
	limits: SpendLimits,
	price: number | null,
	itemIndex: number,
): void {
	const ledger = ledgerOf(ctx);
	const { currency } = limits;
	const refuse = (message: string, description: string) => {
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	};
	if (limits.maxPurchases !== undefined && ledger.purchases >= limits.maxPurchases) {
		refuse(
			`Budget reached: this execution may make at most ${limits.maxPurchases} purchase(s), and ${ledger.purchases} were made — nothing was bought for this item`,
			'Raise "Max Purchases per Execution" (node option or credential), or run the remaining items in a new execution.',
		);
	}
	if (price !== null && limits.maxPrice !== undefined && price > limits.maxPrice) {
		refuse(
			`Price ${amount(price, currency)} is above the Max Price of ${amount(limits.maxPrice, currency)} — nothing was bought`,
			'Raise Max Price, or choose another country, service or server with a lower price.',
		);
	}
	if (limits.maxSpend !== undefined) {
		if (price !== null && ledger.spent + price > limits.maxSpend) {
			refuse(
				`Budget reached: ${amount(ledger.spent, currency)} spent in this execution, and ${amount(price, currency)} more would pass the limit of ${amount(limits.maxSpend, currency)} — nothing was bought for this item`,
				'Raise "Max Spend per Execution" (node option or credential), or run the remaining items in a new execution.',
			);
		}
		if (price === null && ledger.spent >= limits.maxSpend) {
			refuse(
				`Budget reached: ${amount(ledger.spent, currency)} spent in this execution, the limit is ${amount(limits.maxSpend, currency)} — nothing was bought for this item`,
				'Raise "Max Spend per Execution" (node option or credential), or run the remaining items in a new execution.',
			);
		}
	}
}

/** Counts a purchase that went through (or may have: a lost answer counts, the money may be spent). */
export function recordSpend(ctx: IExecuteFunctions, price: number | null): void {
	const ledger = ledgerOf(ctx);
	ledger.purchases += 1;
	if (price !== null && Number.isFinite(price)) ledger.spent += price;
}

function positiveOrUndefined(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) && n > 0 ? n : undefined;
}

function stricter(a: number | undefined, b: number | undefined): number | undefined {
	if (a === undefined) return b;
	if (b === undefined) return a;
	return Math.min(a, b);
}

/** The node's limits joined with the credential's defaults: the stricter of each applies (0 or empty = none). */
export function joinLimits(
	node: { maxSpend?: unknown; maxPurchases?: unknown; maxPrice?: unknown },
	credential: { maxSpend?: unknown; maxPurchases?: unknown },
	currency: string,
): SpendLimits {
	return {
		maxSpend: stricter(
			positiveOrUndefined(node.maxSpend),
			positiveOrUndefined(credential.maxSpend),
		),
		maxPurchases: stricter(
			positiveOrUndefined(node.maxPurchases),
			positiveOrUndefined(credential.maxPurchases),
		),
		maxPrice: positiveOrUndefined(node.maxPrice),
		currency,
	};
}
