import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseCountries, smsRequests } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import { providerTypeField, PROVIDER_TYPES, showFor } from '../common.descriptions';
import { requireOneOf } from '../../../../shared/parameters';

const properties: INodeProperties[] = [providerTypeField];

export const description = showFor('smsActivation', 'getCountries', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const providerType = requireOneOf.call(this, 'providerType', 'Provider Type', PROVIDER_TYPES, itemIndex);
	const countries = await apiRequest(this, smsRequests.getCountries(providerType), parseCountries, itemIndex);
	// The map may hold every provider type; the user asked for one.
	return countries
		.filter((c) => c.providerType === '' || c.providerType === providerType)
		.map((c) => ({ id: c.id, name: c.name, providerType }));
}
