import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OTPGET } from '../../../../../protocol/providers';
import {
	durationLabel,
	parseMyRentals,
	parseRenewRental,
	rentalRequests,
} from '../../../../../protocol/rental';
import { otpGetTimeReader } from '../../../../shared/provider';
import { purchase, type Quote } from '../purchase';
import { spendLimitsField } from '../spendLimits';
import { apiRequest } from '../../../../shared/transport';
import { requireNumericId } from '../../../../shared/parameters';
import { purchaseNotice, showFor } from '../common.descriptions';
import { anyDurationField, readDuration, rentalPrice } from './fields';

const properties: INodeProperties[] = [
	purchaseNotice(
		'Renewing spends money from your wallet. The new expiry counts from the current expiry, not from now.',
	),
	{
		displayName: 'Rental Name or ID',
		name: 'rentalId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getRentalsById' },
		default: '={{ $json.rentalId }}',
		required: true,
		description:
			'The rental to renew: its rentalId from Get My Rentals (the API\'s ID field), not the smsOrderId. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	anyDurationField,
];

export const description = showFor('rental', 'renew', [
	...properties,
	spendLimitsField(
		OTPGET.currency,
		"The price is the listed price of the rental's country and server for the duration (Get My Rentals, then Get Pricing).",
	),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const rentalId = requireNumericId.call(this, 'rentalId', 'Rental ID', itemIndex);
	const hours = readDuration.call(this, '', itemIndex);
	// Before paying: a Time Zone that cannot be read fails here, not after the renewal is paid.
	const readTime = await otpGetTimeReader(this, itemIndex);
	// The rental's country and server decide its price: found in Get My Rentals, then Get Pricing (both once per execution).
	const quote = async (quick: boolean): Promise<Quote> => {
		const rentals = await apiRequest(
			this,
			rentalRequests.getMyRentals(),
			parseMyRentals,
			itemIndex,
			{ quick },
		);
		const rental = rentals.find((r) => r.rentalId === rentalId);
		if (!rental) return { price: null, why: `rental ${rentalId} is not in Get My Rentals` };
		const server = rental.provider || rental.server;
		return await rentalPrice(this, itemIndex, rental.countryCode, server, hours).read(quick);
	};
	const { order: renewed, stamp } = await purchase(this, itemIndex, {
		currency: OTPGET.currency,
		quote: { key: `renew:${rentalId}:${hours}`, read: quote },
		buy: async () =>
			await apiRequest(
				this,
				rentalRequests.renewRental(rentalId, hours),
				parseRenewRental,
				itemIndex,
			),
		paid: (r) => r.pricePaid,
	});
	const { boughtAt, ...paid } = stamp;
	return {
		rentalId: renewed.rentalId || rentalId,
		phone: renewed.phone,
		durationHours: renewed.durationHours ?? Number(hours),
		duration: durationLabel(hours),
		pricePaid: renewed.pricePaid,
		balance: renewed.balance,
		newExpiry: renewed.newExpiry,
		expiresAt: readTime(renewed.newExpiry),
		...paid,
		renewedAt: boughtAt,
	};
}
