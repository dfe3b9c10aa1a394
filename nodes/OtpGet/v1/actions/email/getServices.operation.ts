import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OTPGET } from '../../../../../protocol/providers';
import { emailRequests, parseEmailServices } from '../../../../../protocol/email';
import { apiRequest } from '../../../../shared/transport';
import { domainFields, readDomain } from './fields';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [...domainFields];

export const description = showFor('email', 'getServices', properties);

/** One item per service; serviceId is what Buy Email takes, stock the addresses left. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const domain = readDomain.call(this, itemIndex);
	const services = await apiRequest(
		this,
		emailRequests.getEmailServices(domain),
		parseEmailServices,
		itemIndex,
	);
	return services.map((s) => ({ ...s, currency: OTPGET.currency, domain }));
}
