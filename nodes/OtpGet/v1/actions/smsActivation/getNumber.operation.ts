import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseNumber, smsRequestsFor, type NumberOrder } from '../../../../../protocol/sms';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { purchase } from '../purchase';
import { spendLimitsField } from '../spendLimits';
import { purchaseNotice } from '../common.descriptions';
import {
	countryFieldOf,
	perProvider,
	providerTypeFieldOf,
	readCountry,
	readMaxPrice,
	readProviderType,
	readService,
	serviceFieldOf,
} from './fields';
import { onInactiveServer } from './inactive';
import { ordersLookup } from './ordersLookup';
import { serviceQuote } from './quote';

export const description: INodeProperties[] = perProvider('getNumber', (d) => [
	purchaseNotice(
		'Buying a number spends money from your wallet. If no code arrives, cancel it (Set Status → Cancel & Refund, or let Wait for OTP do it) to get the money back.',
	),
	...(d.providerParam ? [providerTypeFieldOf(d)] : []),
	countryFieldOf(d),
	serviceFieldOf(d),
	spendLimitsField(
		d.currency,
		d.features.servicePrices
			? `The price is the service's listed price (Get Services), read once per execution${d.params.maxPrice ? `; ${d.name} also receives Max Price as its own maxPrice and refuses a dearer number itself` : ''}`
			: `${d.name} lists no prices before buying, so a Max Price or a Max Spend (node or credential) refuses its purchases; Max Purchases applies`,
		d.features.servicePrices,
		true,
	),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

/** What a JSON purchase answer adds (SastaOTP: price, expiry, multi-SMS); nothing for a plain one. */
export function orderExtras(order: NumberOrder): IDataObject {
	const extras: IDataObject = {};
	for (const key of [
		'price',
		'expiresInSeconds',
		'multiSms',
		'canGetAnotherSms',
		'providerOrderId',
		'serviceCode',
		'countryCode',
		'note',
	] as const) {
		if (order[key] !== undefined) extras[key] = order[key];
	}
	return extras;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const providerType = d.providerParam ? readProviderType.call(this, d, itemIndex) : undefined;
	const country = readCountry.call(this, d, itemIndex);
	const service = readService.call(this, d, itemIndex);
	// Validated before anything is sent; the pipeline sends the provider the stricter of it and the budget left.
	readMaxPrice.call(this, d, itemIndex);
	const choice = { service, country, providerType };
	const { order, stamp } = await purchase(this, itemIndex, {
		currency: d.currency,
		quote: d.features.servicePrices
			? {
					key: `sms:${d.id}:${country ?? ''}:${service}:${providerType ?? ''}`,
					read: async (quick) => await serviceQuote(this, d, itemIndex, choice, quick),
					forOutput: true,
				}
			: { why: `${d.name} lists no prices before buying` },
		providerCeiling: d.features.maxPrice,
		buy: async (maxPrice) =>
			await apiRequest(
				this,
				smsRequestsFor(d).getNumber({ ...choice, maxPrice }),
				parseNumber,
				itemIndex,
			).catch((error: unknown) => {
				throw onInactiveServer(d, providerType, error);
			}),
		paid: (o) => o.price ?? null,
		...(d.features.getOrders
			? {
					lookup: {
						lookup: ordersLookup(this, itemIndex, d, choice),
						note: 'The answer to Get Number was lost; this order was found in SMS Activation → Get Orders',
					},
				}
			: {}),
	});
	return {
		orderId: order.orderId,
		phone: order.phone,
		country: country ?? order.countryCode ?? null,
		service,
		providerType: providerType ?? null,
		source: 'smsActivation',
		...orderExtras(order),
		...stamp,
		...providerFields(d),
	};
}
