import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseServices, smsRequests } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import { providerTypeField, PROVIDER_TYPES, smsCountryField, showFor } from '../common.descriptions';
import { requireNumericId, requireOneOf } from '../../../../shared/parameters';

const properties: INodeProperties[] = [providerTypeField, smsCountryField];

export const description = showFor('smsActivation', 'getServices', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const providerType = requireOneOf.call(this, 'providerType', 'Provider Type', PROVIDER_TYPES, itemIndex);
	const country = requireNumericId.call(this, 'country', 'Country', itemIndex);
	const services = await apiRequest(this, smsRequests.getServices(country, providerType), parseServices, itemIndex);
	return services.map((s) => ({ ...s, country, providerType }));
}
