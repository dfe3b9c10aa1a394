import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OTPGET } from '../../../../../protocol/providers';
import { parseRentalPricing, rentalRequests } from '../../../../../protocol/rental';
import { apiRequest } from '../../../../shared/transport';
import { countryField, providerField, readCountry, readProvider } from './fields';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [providerField, countryField];

export const description = showFor('rental', 'getPricing', properties);

/** One item per price tier; durationHours is what Rent Number and Renew take. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const provider = readProvider.call(this, itemIndex);
	const countryCode = readCountry.call(this, itemIndex);
	const tiers = await apiRequest(
		this,
		rentalRequests.getRentalPricing(countryCode, provider),
		parseRentalPricing,
		itemIndex,
	);
	return tiers.map((t) => ({
		durationHours: Number(t.durationHours),
		duration: t.durationLabel,
		durationPreset: t.durationPreset,
		price: t.price,
		currency: OTPGET.currency,
		countryCode,
		countryName: t.countryName,
		provider,
	}));
}
