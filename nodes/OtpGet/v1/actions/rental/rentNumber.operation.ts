import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	durationLabel,
	parseMyRentals,
	parseRentNumber,
	rentalRequests,
	type Rental,
	type RentedNumber,
} from '../../../../../protocol/rental';
import { otpGetTimeReader } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { purchaseNotice, showFor } from '../common.descriptions';
import { buyWithLookup, remember, type History } from '../reconcile';
import { buyWithinLimits, spendLimitsField } from '../spendLimits';
import { OTPGET } from '../../../../../protocol/dialects';
import {
	countryField,
	durationField,
	providerField,
	readCountry,
	readDuration,
	readProvider,
	rentalPrice,
} from './fields';

const properties: INodeProperties[] = [
	purchaseNotice(
		'Renting spends money from your wallet and is not refunded. Use smsOrderId with Get SMS; to renew later, take the rentalId from Get My Rentals. Times are UTC.',
	),
	providerField,
	countryField,
	durationField,
];

export const description = showFor('rental', 'rentNumber', [
	...properties,
	spendLimitsField(
		'PKR',
		'The price is the listed price of the country, server and duration (Get Pricing), read once per execution.',
	),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const provider = readProvider.call(this, itemIndex);
	const countryCode = readCountry.call(this, itemIndex);
	const hours = readDuration.call(this, provider, itemIndex);
	// Before buying: a Time Zone that cannot be read fails here, not after the rental is paid.
	const readTime = await otpGetTimeReader(this, itemIndex);
	const price = rentalPrice(this, itemIndex, countryCode, provider, hours);
	const {
		result: { order: rented, reconciled },
		listedPrice,
	} = await buyWithinLimits(
		this,
		itemIndex,
		OTPGET.currency,
		price,
		async () =>
			await buyWithLookup(
				this,
				itemIndex,
				rentalHistory(this, itemIndex),
				async () =>
					await apiRequest(
						this,
						rentalRequests.rentNumber(countryCode, provider, hours),
						parseRentNumber,
						itemIndex,
					),
				(r): RentedNumber => ({ ...r, balance: null, message: 'Found in Get My Rentals' }),
				(r) =>
					r.countryCode.toLowerCase() === countryCode.toLowerCase() &&
					(!r.provider || r.provider === provider),
			),
		(r) => r.order.pricePaid,
	);
	await remember(this, rentalHistory(this, itemIndex), rented.smsOrderId);
	return {
		...(reconciled
			? {
					reconciled: true,
					note: 'The answer to Rent Number was lost; this rental was found in Get My Rentals',
				}
			: {}),
		smsOrderId: rented.smsOrderId,
		phone: rented.phone,
		server: rented.server,
		provider: rented.provider || provider,
		countryCode,
		durationHours: rented.durationHours ?? Number(hours),
		duration: durationLabel(hours),
		pricePaid: rented.pricePaid,
		price: rented.pricePaid ?? listedPrice,
		currency: OTPGET.currency,
		balance: rented.balance,
		expiryTime: rented.expiryTime,
		expiresAt: readTime(rented.expiryTime),
		source: 'rental',
		boughtAt: new Date(Date.now()).toISOString(),
	};
}

/** Get My Rentals, where a rental whose answer was lost is looked up (keyed by smsOrderId, as Rent Number returns). */
function rentalHistory(ctx: IExecuteFunctions, itemIndex: number): History<Rental> {
	return {
		name: 'rentals',
		label: 'Rental → Get My Rentals',
		read: async () =>
			await apiRequest(ctx, rentalRequests.getMyRentals(), parseMyRentals, itemIndex),
		idOf: (r) => r.smsOrderId,
	};
}
