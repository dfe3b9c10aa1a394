import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { OTPGET } from '../../../../../protocol/dialects';
import { emailRequests, parseEmailServices } from '../../../../../protocol/email';
import { apiRequest } from '../../transport';
import { domainFields, forOperation, readDomain } from './fields';

const properties: INodeProperties[] = [...domainFields];

export const description = updateDisplayOptions(forOperation('getServices'), properties);

/** One item per service; serviceId is what Buy Email takes, stock the addresses left. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const domain = readDomain.call(this, itemIndex);
	const services = await apiRequest(this, emailRequests.getEmailServices(domain), parseEmailServices, itemIndex);
	return services.map((s) => ({ ...s, currency: OTPGET.currency, domain }));
}
