import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseOrders, parseRegetNumber, smsRequestsFor } from '../../../../../protocol/sms';
import type { Dialect } from '../../../../../protocol/providers';
import { requireString } from '../../../../shared/parameters';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { orderIdField, purchaseNotice } from '../common.descriptions';
import { purchase, type Quote } from '../purchase';
import { spendLimitsField } from '../spendLimits';
import { orderExtras } from './getNumber.operation';
import { perProvider } from './fields';

export const description: INodeProperties[] = perProvider('regetNumber', (d) =>
	d.features.regetNumber
		? [
				purchaseNotice(
					`A new order on the same number, charged again at the original price. Only for a completed ${d.name} order of a multi-SMS service; wait for its code with its new orderId.`,
				),
				orderIdField('Order ID of a completed order that received a code'),
				spendLimitsField(
					d.currency,
					`A new code costs what the original order cost (${d.name}'s document): the original's price is read from Get Orders before buying, and Max Price, Max Purchases and Max Spend apply`,
				),
			]
		: [],
);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

/** The original order's price, from the order history (a new code costs the same, the document says). */
async function originalPrice(
	ctx: IExecuteFunctions,
	d: Dialect,
	orderId: string,
	itemIndex: number,
	quick: boolean,
): Promise<Quote> {
	if (!d.orders)
		return { price: null, why: `${d.name} keeps no order history to read the price from` };
	const page = await apiRequest(
		ctx,
		smsRequestsFor(d).getOrders({ limit: d.orders.maxLimit }),
		parseOrders,
		itemIndex,
		{ quick },
	);
	const original = page.orders.find((o) => o.orderId === orderId || o.providerOrderId === orderId);
	if (!original)
		return { price: null, why: `order ${orderId} is not on the first page of Get Orders` };
	return original.price === null
		? { price: null, why: `Get Orders shows no price for order ${orderId}` }
		: { price: original.price };
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const previousOrderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	// A charged purchase: the execution's budget applies as to Get Number (an AI Agent can call it too).
	const { order, stamp } = await purchase(this, itemIndex, {
		currency: d.currency,
		quote: {
			key: `reget:${d.id}:${previousOrderId}`,
			read: async (quick) => await originalPrice(this, d, previousOrderId, itemIndex, quick),
		},
		buy: async () =>
			await apiRequest(
				this,
				smsRequestsFor(d).regetNumber(previousOrderId),
				parseRegetNumber,
				itemIndex,
			),
		paid: (o) => o.price ?? null,
	});
	return {
		orderId: order.orderId,
		phone: order.phone,
		previousOrderId,
		source: 'smsActivation',
		...orderExtras(order),
		...stamp,
		...providerFields(d),
	};
}
