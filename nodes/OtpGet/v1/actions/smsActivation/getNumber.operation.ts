import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseNumber, smsRequestsFor, type NumberOrder } from '../../../../../protocol/sms';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { purchaseNotice } from '../common.descriptions';
import {
	countryFieldOf,
	maxPriceFieldOf,
	perProvider,
	providerTypeFieldOf,
	readCountry,
	readMaxPrice,
	readProviderType,
	readService,
	serviceFieldOf,
} from './fields';

export const description: INodeProperties[] = perProvider('getNumber', (d) => [
	purchaseNotice(
		'Buying a number spends money from your wallet. If no code arrives, cancel it (Set Status → Cancel & Refund, or let Wait for OTP do it) to get the money back.',
	),
	...(d.providerParam ? [providerTypeFieldOf(d)] : []),
	countryFieldOf(d),
	serviceFieldOf(d),
	...maxPriceFieldOf(d),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

/** What a JSON purchase answer adds (SastaOTP: price, expiry, multi-SMS); nothing for a plain one. */
export function orderExtras(order: NumberOrder): IDataObject {
	const extras: IDataObject = {};
	for (const key of ['price', 'expiresInSeconds', 'multiSms', 'canGetAnotherSms', 'providerOrderId', 'serviceCode', 'countryCode', 'note'] as const) {
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
	const order = await apiRequest(
		this,
		smsRequestsFor(d).getNumber({ service, country, providerType, maxPrice }),
		parseNumber,
		itemIndex,
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
		...providerFields(d),
	};
}
