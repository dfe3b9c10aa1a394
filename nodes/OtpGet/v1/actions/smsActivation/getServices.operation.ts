import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Dialect } from '../../../../../protocol/providers';
import { parseServices, smsRequestsFor } from '../../../../../protocol/sms';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import {
	countryFieldOf,
	perProvider,
	providerTypeFieldOf,
	readCountry,
	readProviderType,
} from './fields';

/** OTPGet lists the services of one provider type and country; the others list all, filters optional. */
const filtersRequired = (d: Dialect) => d.serviceIds === 'numericId';

export const description: INodeProperties[] = perProvider('getServices', (d) => {
	if (!d.features.getServices) return [];
	const optional = !filtersRequired(d);
	const fields: INodeProperties[] = [];
	if (d.params.servicesProvider) fields.push(providerTypeFieldOf(d, optional));
	if (d.params.servicesCountry) fields.push(countryFieldOf(d, optional));
	if (d.params.serviceFilter) {
		fields.push({
			displayName: 'Service Code',
			name: 'serviceFilter',
			type: 'string',
			default: '',
			placeholder: 'tg',
			description:
				'Only this service (e.g. tg); empty lists every service with its countries and prices',
		});
	}
	return fields;
});

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const d = dialectOf(this, itemIndex);
	const optional = !filtersRequired(d);
	const providerType = d.params.servicesProvider
		? readProviderType.call(this, d, itemIndex, optional)
		: undefined;
	const country = d.params.servicesCountry
		? readCountry.call(this, d, itemIndex, optional)
		: undefined;
	const service = d.params.serviceFilter
		? String(this.getNodeParameter('serviceFilter', itemIndex, '') ?? '').trim() || undefined
		: undefined;
	const services = await apiRequest(
		this,
		smsRequestsFor(d).getServices({ country, providerType, service }),
		(t) => parseServices(t, d),
		itemIndex,
	);
	return services.map((s) => ({
		...providerFields(d),
		...s,
		currency: s.currency ?? d.currency,
		...(country === undefined ? {} : { country }),
		...(providerType === undefined ? {} : { providerType }),
	}));
}
