import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPES, dialectOf } from '../../../shared/provider';
import {
	checkSpend,
	joinLimits,
	listedPrice,
	recordSpend,
	type SpendLimits,
} from '../../../shared/spend';
import { isLostPurchase } from './reconcile';

/**
 * The Spend Limits option of every purchase operation. `priceNote` says how the operation knows the price
 * before buying (or that it cannot).
 */
export function spendLimitsField(
	currencyNote: string,
	priceNote: string,
	priceKnown = true,
): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Spend Limits',
		name: 'spendLimits',
		type: 'collection',
		placeholder: 'Add Limit',
		default: {},
		description: `Refuse a purchase before any money moves. The credential may set defaults; the stricter limit applies. Amounts in ${currencyNote}. ${priceNote.replace(/\.$/, '')}.`,
		options: [
			{
				displayName: 'Max Price',
				name: 'maxPrice',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: `Refuse to buy when one purchase would cost more than this (0 = no limit). ${priceNote.replace(/\.$/, '')}.`,
			},
			{
				displayName: 'Max Purchases per Execution',
				name: 'maxPurchases',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description:
					'Most purchases this node may make in one execution, across all items and every call of an AI Agent (0 = no limit). Items beyond it fail alone, before buying.',
			},
			{
				displayName: 'Max Spend per Execution',
				name: 'maxSpend',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description:
					'Most this node may spend in one execution, across all items and every call of an AI Agent (0 = no limit). Items beyond it fail alone, before buying.',
			},
		],
	};
	// Without a price before buying there is nothing to compare a Max Price with: the option is not offered.
	if (!priceKnown) field.options = field.options?.filter((o) => o.name !== 'maxPrice');
	return field;
}

async function limitsOf(
	ctx: IExecuteFunctions,
	itemIndex: number,
	currency: string,
): Promise<SpendLimits> {
	const node = (ctx.getNodeParameter('spendLimits', itemIndex, {}) ?? {}) as Record<
		string,
		unknown
	>;
	for (const [key, label] of [
		['maxPrice', 'Max Price'],
		['maxPurchases', 'Max Purchases per Execution'],
		['maxSpend', 'Max Spend per Execution'],
	]) {
		const value = node[key];
		if (value !== undefined && value !== null && value !== '' && !(Number(value) >= 0)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`"${label}" must be a number of at least 0 (got "${String(value)}")`,
				{ itemIndex },
			);
		}
	}
	const credential = (await ctx.getCredentials(
		CREDENTIAL_TYPES[dialectOf(ctx, itemIndex).id],
		itemIndex,
	)) as Record<string, unknown>;
	return joinLimits(
		node,
		{
			maxSpend: credential.maxSpendPerExecution,
			maxPurchases: credential.maxPurchasesPerExecution,
		},
		currency,
	);
}

export interface PriceLookup {
	/** One read per distinct key per execution, e.g. "sms:61:101:1". */
	key: string;
	/** The listed price, or null when the API does not give one. */
	read: () => Promise<number | null>;
	/** Read it even without a price limit: the purchase's answer does not say what it cost. */
	forOutput?: boolean;
}

/**
 * Buys through the spend guard: the limits are checked before any request that spends money (the listed price
 * is read first, once per execution and key), and the purchase is counted, with the price it cost, after it —
 * also when its answer was lost, since the money may be spent.
 */
export async function buyWithinLimits<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	currency: string,
	price: PriceLookup | null,
	buy: () => Promise<T>,
	paid: (result: T) => number | null,
): Promise<{ result: T; listedPrice: number | null }> {
	const limits = await limitsOf(ctx, itemIndex, currency);
	let listed: number | null = null;
	if (
		price &&
		(price.forOutput || limits.maxPrice !== undefined || limits.maxSpend !== undefined)
	) {
		try {
			listed = await listedPrice(ctx, price.key, price.read);
		} catch (error) {
			// Without a price limit the price is only for the output: a failed read must not stop the purchase.
			if (limits.maxPrice !== undefined || limits.maxSpend !== undefined) {
				throw new NodeOperationError(
					ctx.getNode(),
					'Could not read the listed price, so the spend limits cannot be checked — nothing was bought',
					{
						itemIndex,
						description: `${error instanceof Error ? error.message : String(error)}. Try again, or remove Max Price / Max Spend for this purchase.`,
					},
				);
			}
		}
	}
	checkSpend(ctx, limits, listed, itemIndex);
	const outcome = await buy().then(
		(result) => ({ result }),
		(error: unknown) => ({ error }),
	);
	if ('error' in outcome) {
		if (isLostPurchase(outcome.error)) recordSpend(ctx, listed);
		throw outcome.error;
	}
	recordSpend(ctx, paid(outcome.result) ?? listed);
	return { result: outcome.result, listedPrice: listed };
}
