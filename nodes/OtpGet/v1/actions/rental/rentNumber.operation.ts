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
import { purchase } from '../purchase';
import { samePrice, type History, type Lookup } from '../reconcile';
import { spendLimitsField } from '../spendLimits';
import { OTPGET } from '../../../../../protocol/providers';
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
		"Renting spends money from your wallet and is not refunded. Use smsOrderId with Get SMS; to renew later, take the rentalId from Get My Rentals. Times are read in the OTPGet credential's Time Zone (UTC by default).",
	),
	providerField,
	countryField,
	durationField,
];

export const description = showFor('rental', 'rentNumber', [
	...properties,
	spendLimitsField(
		OTPGET.currency,
		'The price is the listed price of the country, server and duration (Get Pricing), read once per execution.',
	),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

/** A rental's end can be read a few minutes off (clock skew, the provider's rounding): what still counts as ours. */
const EXPIRY_SLACK_MS = 5 * 60_000;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const provider = readProvider.call(this, itemIndex);
	const countryCode = readCountry.call(this, itemIndex);
	const hours = readDuration.call(this, provider, itemIndex);
	// Before buying: a Time Zone that cannot be read fails here, not after the rental is paid.
	const readTime = await otpGetTimeReader(this, itemIndex);
	const lookup: Lookup<Rental, RentedNumber> = {
		history: rentalHistory(this, itemIndex),
		// Ours: the same country, server and duration, the price we were quoted, ending one duration after our request.
		matches: (r, ours) => {
			const ends = Date.parse(readTime(r.expiryTime) ?? '');
			const length = Number(hours) * 3_600_000;
			return (
				r.countryCode.toLowerCase() === countryCode.toLowerCase() &&
				(!r.provider || r.provider === provider) &&
				(r.durationHours === null || r.durationHours === Number(hours)) &&
				samePrice(r.pricePaid, ours.price) &&
				(Number.isNaN(ends) ||
					(ends >= ours.startedAt + length - EXPIRY_SLACK_MS &&
						ends <= Date.now() + length + EXPIRY_SLACK_MS))
			);
		},
		fromHistory: (r) => ({ ...r, balance: null, message: 'Found in Get My Rentals' }),
		idOfAnswer: (r) => r.smsOrderId,
	};
	const { order: rented, stamp } = await purchase(this, itemIndex, {
		currency: OTPGET.currency,
		quote: rentalPrice(this, itemIndex, countryCode, provider, hours),
		buy: async () =>
			await apiRequest(
				this,
				rentalRequests.rentNumber(countryCode, provider, hours),
				parseRentNumber,
				itemIndex,
			),
		paid: (r) => r.pricePaid,
		lookup: {
			lookup,
			note: 'The answer to Rent Number was lost; this rental was found in Get My Rentals',
		},
	});
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
		expiresAt: readTime(rented.expiryTime),
		source: 'rental',
		...stamp,
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
		describe: (r) =>
			`smsOrderId ${r.smsOrderId}, ${r.phone}, ${r.countryCode} server ${r.server || r.provider}, ${r.durationHours ?? '?'} h, ${r.pricePaid ?? '?'} ${OTPGET.currency}, expires ${r.expiryTime}`,
	};
}
