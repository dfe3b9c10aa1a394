import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseCountries, smsRequestsFor } from '../../../../../protocol/sms';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { perProvider, providerTypeFieldOf, readProviderType } from './fields';

// Only providers whose document lists countries offer this operation (OTPGet per provider type, SastaOTP).
export const description: INodeProperties[] = perProvider('getCountries', (d) =>
	d.features.getCountries && d.params.countriesProvider ? [providerTypeFieldOf(d)] : [],
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const d = dialectOf(this, itemIndex);
	const providerType = d.params.countriesProvider
		? readProviderType.call(this, d, itemIndex)
		: undefined;
	const countries = await apiRequest(
		this,
		smsRequestsFor(d).getCountries(providerType),
		parseCountries,
		itemIndex,
	);
	// OTPGet's map may hold every provider type; the user asked for one.
	return countries
		.filter(
			(c) => providerType === undefined || c.providerType === '' || c.providerType === providerType,
		)
		.map((c) => ({
			id: c.id,
			name: c.name,
			...(providerType === undefined ? {} : { providerType }),
			...providerFields(d),
		}));
}
