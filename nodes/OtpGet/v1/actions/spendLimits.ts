import type { INodeProperties } from 'n8n-workflow';

/**
 * The Spend Limits option of every purchase operation. `priceNote` says how the operation knows the price
 * before buying (or that it cannot).
 */
export function spendLimitsField(
	currencyNote: string,
	priceNote: string,
	priceKnown = true,
	/** Keep a Max Price that cannot be held (the Provider may switch to one without prices): it then refuses. */
	refuseMaxPrice = false,
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
	// Without a price before buying there is nothing to compare a Max Price with: the option is not offered, or,
	// where a Max Price may be kept from another provider, it stays and refuses (PRICE_UNKNOWN) instead of vanishing.
	if (!priceKnown && !refuseMaxPrice)
		field.options = field.options?.filter((o) => o.name !== 'maxPrice');
	if (!priceKnown && refuseMaxPrice)
		field.options = field.options?.map((o) =>
			o.name === 'maxPrice'
				? {
						...o,
						description: `Leave at 0: any Max Price refuses every purchase before buying. ${priceNote}.`,
					}
				: o,
		);
	return field;
}
