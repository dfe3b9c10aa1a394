import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseNumber, smsRequestsFor, type NumberOrder } from '../../../../../protocol/sms';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { buyWithinLimits, spendLimitsField, type PriceLookup } from '../spendLimits';
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
	servicePrice,
} from './fields';

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
			: `${d.name} lists no prices before buying, so there is no Max Price here and only a price its answer reports counts towards Max Spend; Max Purchases applies`,
		d.features.servicePrices,
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
	const maxPrice = readMaxPrice.call(this, d, itemIndex);
	const price: PriceLookup | null = d.features.servicePrices
		? {
				key: `sms:${d.id}:${country ?? ''}:${service}:${providerType ?? ''}`,
				read: async () =>
					await servicePrice(this, d, itemIndex, { service, country, providerType }),
				forOutput: true,
			}
		: null;
	const { result: order, listedPrice } = await buyWithinLimits(
		this,
		itemIndex,
		d.currency,
		price,
		async () =>
			await apiRequest(
				this,
				smsRequestsFor(d).getNumber({ service, country, providerType, maxPrice }),
				parseNumber,
				itemIndex,
			),
		(o) => o.price ?? null,
	);
	return {
		orderId: order.orderId,
		phone: order.phone,
		country: country ?? order.countryCode ?? null,
		service,
		providerType: providerType ?? null,
		source: 'smsActivation',
		boughtAt: new Date().toISOString(),
		...orderExtras(order),
		price: order.price ?? listedPrice,
		...providerFields(d),
	};
}
