import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RequestFailure } from '../../../../protocol/errors';
import { SpendRefusal } from '../../../shared/errors';
import { DIALECTS, type ProviderId } from '../../../../protocol/providers';
import { CREDENTIAL_TYPES, dialectOf } from '../../../shared/provider';
import {
	joinLimits,
	ledgerOf,
	readOnce,
	remaining,
	reserve,
	type SpendLimits,
} from '../../../shared/spend';
import { lookUp, readSnapshot, type Lookup, type Snapshot } from './reconcile';

/**
 * The one purchase pipeline every operation that spends money goes through: limits → price → reserve → buy →
 * settle or release → lost-answer lookup → the output's stamp. An operation gives only its differences, as data.
 */

/** What the price list says a purchase will cost, in the wallet's currency. */
export type Quote =
	/** `price`: the least it can cost (what is shown); `most`: the most, when the provider may pick (SastaOTP). */
	| { price: number; most?: number }
	/** The list cannot tell (not listed, no price in the label, another currency): `why`, in a user's words. */
	| { price: null; why: string };

export interface PurchaseSpec<R, T = unknown> {
	currency: string;
	/** Whose credential, limits and ledger (Best Offer buys from several); default: the node's Provider. */
	provider?: ProviderId;
	/** How the price is known before buying; `why` alone when the API never tells it before buying. */
	quote:
		| { key: string; read: (quick: boolean) => Promise<Quote>; forOutput?: boolean }
		| { why: string };
	/** The provider takes a price ceiling of its own (SastaOTP maxPrice) and refuses a dearer number. */
	providerCeiling?: boolean;
	/** Sends the purchase request, with the ceiling for a provider that takes one. */
	buy: (ceiling: number | undefined) => Promise<R>;
	/** The price the answer reports, if it does. */
	paid: (answer: R) => number | null;
	/** Where an answer that was lost is looked up, and the note a found order carries. */
	lookup?: { lookup: Lookup<T, R>; note: string };
}

export interface Purchased<R> {
	order: R;
	/** price, currency, boughtAt (+ reconciled, note when found after a lost answer). */
	stamp: IDataObject;
}

const LIMIT_FIELDS = [
	['maxPrice', 'Max Price'],
	['maxPurchases', 'Max Purchases per Execution'],
	['maxSpend', 'Max Spend per Execution'],
] as const;

async function limitsOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	credentialType: string,
	currency: string,
): Promise<SpendLimits> {
	const node = (ctx.getNodeParameter('spendLimits', itemIndex, {}) ?? {}) as IDataObject;
	for (const [key, label] of LIMIT_FIELDS) {
		const value = node[key];
		if (value !== undefined && value !== null && value !== '' && !(Number(value) >= 0)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`"${label}" must be a number of at least 0 (got "${String(value)}")`,
				{ itemIndex },
			);
		}
	}
	const credential = (await ctx.getCredentials(credentialType, itemIndex)) as IDataObject;
	return joinLimits(
		node,
		{
			maxSpend: credential.maxSpendPerExecution,
			maxPurchases: credential.maxPurchasesPerExecution,
		},
		currency,
	);
}

function priceUnknown(
	ctx: IExecuteFunctions,
	itemIndex: number,
	limits: SpendLimits,
	why: string,
): never {
	const names = [
		limits.maxPrice !== undefined ? 'Max Price' : '',
		limits.maxSpend !== undefined ? 'Max Spend per Execution' : '',
	].filter(Boolean);
	throw new SpendRefusal(
		ctx.getNode(),
		'PRICE_UNKNOWN',
		`The price cannot be known in ${limits.currency} before buying (${why}), so ${names.join(' and ')} cannot be held — nothing was bought`,
		{
			itemIndex,
			description: `Remove ${names.join(' and ')} for this purchase (node option${limits.maxSpend !== undefined ? ", and the credential's Max Spend if it set one" : ''}), or choose a service, country or server whose price is listed. Max Purchases per Execution still limits how many are bought.`,
		},
	);
}

/** A promise's value or its error, so a failure can be looked at before it goes on. */
async function settled<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> {
	return await p.then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
}

/** Only a typed refusal of the purchase request itself proves that nothing was bought. */
function certainlyRefused(error: unknown): boolean {
	return error instanceof RequestFailure && error.requestKind === 'purchase' && !error.uncertain;
}

export async function purchase<R, T = unknown>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: PurchaseSpec<R, T>,
): Promise<Purchased<R>> {
	const credentialType =
		CREDENTIAL_TYPES[spec.provider ? DIALECTS[spec.provider].id : dialectOf(ctx, itemIndex).id];
	const limits = await limitsOf(ctx, itemIndex, credentialType, spec.currency);
	const ledger = ledgerOf(ctx, credentialType);
	const needsPrice = limits.maxPrice !== undefined || limits.maxSpend !== undefined;

	let quote: Quote = { price: null, why: 'why' in spec.quote ? spec.quote.why : 'not read' };
	if ('key' in spec.quote && (needsPrice || spec.quote.forOutput)) {
		const { key, read } = spec.quote;
		// Without a limit the price only decorates the output: one short read, never a long wait.
		const listed = await settled(readOnce(ledger, key, async () => await read(!needsPrice)));
		if ('value' in listed) quote = listed.value;
		else if (needsPrice) {
			const { error } = listed;
			throw new SpendRefusal(
				ctx.getNode(),
				'PRICE_UNREADABLE',
				'Could not read the listed price, so the spend limits cannot be checked — nothing was bought',
				{
					itemIndex,
					description: `${error instanceof Error ? error.message : String(error)}. Try again, or remove Max Price / Max Spend for this purchase.`,
				},
			);
		}
	}

	// A provider that enforces a ceiling is sent the stricter of Max Price and what the budget has left.
	const ceiling =
		spec.providerCeiling && needsPrice
			? Math.min(limits.maxPrice ?? Infinity, remaining(ledger, limits))
			: undefined;
	if (needsPrice && quote.price === null && ceiling === undefined) {
		priceUnknown(ctx, itemIndex, limits, quote.why);
	}
	const least = quote.price ?? ceiling ?? null;
	const most = quote.price === null ? least : (quote.most ?? quote.price);
	const hold = ceiling !== undefined && most !== null ? Math.min(most, ceiling) : most;
	// Max Price is checked with what the provider may sell under its ceiling, else with the most it may cost.
	const shown = ceiling !== undefined ? least : most;
	const reservation = reserve(ctx, ledger, limits, { price: shown, hold }, itemIndex);

	let before: Snapshot;
	const lookup = spec.lookup?.lookup;
	if (lookup) {
		before = await readOnce(ledger, `history:${lookup.history.name}`, async () =>
			lookup.history.timed ? new Set<string>() : await readSnapshot(lookup.history),
		);
	}
	const startedAt = Date.now();
	const bought = await settled(spec.buy(ceiling === Infinity ? undefined : ceiling));
	let order: R;
	let reconciled = false;
	if ('value' in bought) order = bought.value;
	else {
		const { error } = bought;
		if (certainlyRefused(error)) {
			reservation.release();
			throw error;
		}
		// Anything else may have bought: it counts as spent unless the lookup finds the order and its price.
		if (!lookup || !(error instanceof RequestFailure && error.moneyAtRisk)) {
			reservation.settle(null);
			throw error;
		}
		const found = await settled(
			lookUp(ctx, itemIndex, lookup, error, before, { startedAt, price: quote.price }),
		);
		if ('error' in found) {
			reservation.settle(null);
			throw found.error;
		}
		order = found.value;
		reconciled = true;
	}
	const paid = spec.paid(order);
	reservation.settle(paid ?? hold);
	if (lookup && !reconciled) before?.add(lookup.idOfAnswer(order));
	return {
		order,
		stamp: {
			...(reconciled ? { reconciled: true, note: spec.lookup?.note } : {}),
			price: paid ?? quote.price,
			currency: spec.currency,
			boughtAt: new Date(Date.now()).toISOString(),
		},
	};
}
