import type { IExecuteFunctions } from 'n8n-workflow';

import { credentialKey } from './gate';
import { SpendRefusal } from './errors';

/**
 * The spend guard: what one execution may buy with one credential. Limits come from the node's options and from
 * the credential (an admin sets them once for everyone using it); the stricter of the two applies. A purchase
 * reserves its cost before its request and settles after the answer, so purchases running at the same time (an
 * AI Agent's parallel tool calls) can never pass a limit together.
 */
export interface SpendLimits {
	/** Most the execution may spend, in the provider's currency; undefined = no limit. */
	maxSpend?: number;
	/** Most purchases the execution may make; undefined = no limit. */
	maxPurchases?: number;
	/** Most one purchase may cost; undefined = no limit. */
	maxPrice?: number;
	currency: string;
}

interface Ledger {
	/** Purchases made or in flight; one whose outcome is unknown stays counted. */
	purchases: number;
	/** Money spent or reserved by purchases in flight. */
	committed: number;
	/** Prices read in this execution, so a batch reads each service/country/server once. */
	prices: Map<string, Promise<unknown>>;
	touchedAt: number;
}

/**
 * One ledger per execution and credential, shared by every node of the execution that uses the credential and
 * by every tool call of an AI Agent (each gets its own context, the execution id is the same).
 */
const ledgers = new Map<string, Ledger>();
/**
 * A ledger lives this long after its execution last touched it: never evicted by other executions' traffic,
 * so a live execution's budget cannot restart from zero; an execution idle for longer starts a new one.
 */
export const LEDGER_TTL_MS = 24 * 60 * 60 * 1000;

function ledgerKey(ctx: IExecuteFunctions, credentialType: string): string {
	const id = typeof ctx.getExecutionId === 'function' ? ctx.getExecutionId() : undefined;
	return `${id ?? `no-execution:${ctx.getNode().name}`}|${credentialKey(ctx, credentialType)}`;
}

export function ledgerOf(ctx: IExecuteFunctions, credentialType: string, now = Date.now()): Ledger {
	const key = ledgerKey(ctx, credentialType);
	let ledger = ledgers.get(key);
	if (!ledger) {
		for (const [k, old] of ledgers) if (now - old.touchedAt > LEDGER_TTL_MS) ledgers.delete(k);
		ledger = { purchases: 0, committed: 0, prices: new Map(), touchedAt: now };
		ledgers.set(key, ledger);
	}
	ledger.touchedAt = now;
	return ledger;
}

export const amount = (n: number, currency: string) =>
	`${Number.isInteger(n) ? n : n.toFixed(2)} ${currency}`;

/** A price read once per execution and key (e.g. "sms:61:101:1"); a failed read is not kept. */
export async function readOnce<T>(ledger: Ledger, key: string, read: () => Promise<T>): Promise<T> {
	let price = ledger.prices.get(key) as Promise<T> | undefined;
	if (!price) {
		price = read();
		ledger.prices.set(key, price);
		price.catch(() => ledger.prices.delete(key));
	}
	return await price;
}

/** Money and a purchase held for one request until its answer settles it. */
export interface Reservation {
	/** Counts the purchase at what it cost (the reserved amount when the answer does not say). */
	settle(paid: number | null): void;
	/** The provider certainly refused: nothing was bought, the reservation is given back. */
	release(): void;
}

/**
 * Reserves a purchase or refuses it, naming the limit and the figures. `price` is what Max Price is checked
 * with, `hold` the most it can cost (null: unknown, only allowed without Max Spend). Synchronous: between the
 * check and the reservation nothing else can run, so concurrent purchases cannot pass a limit together.
 */
export function reserve(
	ctx: IExecuteFunctions,
	ledger: Ledger,
	limits: SpendLimits,
	cost: { price: number | null; hold: number | null },
	itemIndex: number,
): Reservation {
	const { currency } = limits;
	const refuse = (code: string, message: string, description: string): never => {
		throw new SpendRefusal(ctx.getNode(), code, message, { itemIndex, description });
	};
	if (limits.maxPurchases !== undefined && ledger.purchases >= limits.maxPurchases) {
		refuse(
			'BUDGET_PURCHASES',
			`Budget reached: this execution may make at most ${limits.maxPurchases} purchase(s), and ${ledger.purchases} were made — nothing was bought for this item`,
			'Raise "Max Purchases per Execution" (node option or credential), or run the remaining items in a new execution.',
		);
	}
	const { price, hold } = cost;
	if (price !== null && limits.maxPrice !== undefined && price > limits.maxPrice) {
		refuse(
			'PRICE_ABOVE_MAX',
			`Price ${amount(price, currency)} is above the Max Price of ${amount(limits.maxPrice, currency)} — nothing was bought`,
			'Raise Max Price, or choose another country, service or server with a lower price.',
		);
	}
	if (limits.maxSpend !== undefined) {
		// An unknown cost cannot be held against a spend limit (the pipeline refuses it first, with its reason).
		const needed = price === null && hold === null ? Infinity : Math.max(price ?? 0, hold ?? 0);
		if (ledger.committed + needed > limits.maxSpend)
			refuse(
				'BUDGET_SPEND',
				`Budget reached: ${amount(ledger.committed, currency)} spent in this execution, and ${amount(price ?? hold ?? 0, currency)} more would pass the limit of ${amount(limits.maxSpend, currency)} — nothing was bought for this item`,
				'Raise "Max Spend per Execution" (node option or credential), or run the remaining items in a new execution.',
			);
	}
	const held = hold ?? 0;
	ledger.purchases += 1;
	ledger.committed += held;
	let open = true;
	return {
		settle(paid) {
			if (!open) return;
			open = false;
			if (paid !== null && Number.isFinite(paid)) ledger.committed += paid - held;
		},
		release() {
			if (!open) return;
			open = false;
			ledger.purchases -= 1;
			ledger.committed -= held;
		},
	};
}

/** What a limit has left to spend (Infinity without Max Spend). */
export function remaining(ledger: Ledger, limits: SpendLimits): number {
	return limits.maxSpend === undefined ? Infinity : Math.max(0, limits.maxSpend - ledger.committed);
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
