import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseAvailableRentals, rentalRequests } from '../../../../../protocol/rental';
import { apiRequest } from '../../../../shared/transport';
import { countryField, providerField, readCountry, readProvider } from './fields';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [providerField, countryField];

export const description = showFor('rental', 'checkAvailability', properties);

/** Live stock per area. Server 2 adds minMonths, the shortest rental it accepts. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const provider = readProvider.call(this, itemIndex);
	const countryCode = readCountry.call(this, itemIndex);
	const stock = await apiRequest(
		this,
		rentalRequests.getAvailableRentals(countryCode, provider),
		parseAvailableRentals,
		itemIndex,
	);
	return stock.areas.map((a) => ({
		countryCode: stock.countryCode || countryCode,
		provider: stock.provider || provider,
		...a,
		inStock: (a.available ?? 0) > 0,
	}));
}
