import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { durationLabel, parseRentNumber, rentalRequests } from '../../../../../protocol/rental';
import { apiRequest } from '../../../../shared/transport';
import { purchaseNotice, showFor } from '../common.descriptions';
import { countryField, durationField, providerField, readCountry, readDuration, readProvider } from './fields';

const properties: INodeProperties[] = [
	purchaseNotice(
		'Renting spends money from your wallet and is not refunded. Use smsOrderId with Get SMS; to renew later, take the rentalId from Get My Rentals. Times are UTC.',
	),
	providerField,
	countryField,
	durationField,
];

export const description = showFor('rental', 'rentNumber', properties);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const provider = readProvider.call(this, itemIndex);
	const countryCode = readCountry.call(this, itemIndex);
	const hours = readDuration.call(this, provider, itemIndex);
	const rented = await apiRequest(this, rentalRequests.rentNumber(countryCode, provider, hours), parseRentNumber, itemIndex);
	return {
		smsOrderId: rented.smsOrderId,
		phone: rented.phone,
		server: rented.server,
		provider: rented.provider || provider,
		countryCode,
		durationHours: rented.durationHours ?? Number(hours),
		duration: durationLabel(hours),
		pricePaid: rented.pricePaid,
		balance: rented.balance,
		expiryTime: rented.expiryTime,
		expiresAt: rented.expiresAt,
		source: 'rental',
		boughtAt: new Date(Date.now()).toISOString(),
	};
}
