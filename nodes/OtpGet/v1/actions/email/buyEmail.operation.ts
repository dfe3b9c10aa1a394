import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { emailRequests, parseBuyEmail } from '../../../../../protocol/email';
import { apiRequest } from '../../../../shared/transport';
import { requirePattern } from '../../../../shared/parameters';
import { purchaseNotice, showFor } from '../common.descriptions';
import { domainFields, readDomain } from './fields';

const properties: INodeProperties[] = [
	purchaseNotice(
		'Buying an address spends money from your wallet. If no code arrives, cancel it (Cancel) to get the money back.',
	),
	...domainFields,
	{
		displayName: 'Service Name or ID',
		name: 'serviceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEmailServices', loadOptionsDependsOn: ['domain', 'customDomain'] },
		default: '',
		required: true,
		description:
			'Service you need the code for (the list shows price and stock), e.g. ig, tg, fb. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = showFor('email', 'buyEmail', properties);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const domain = readDomain.call(this, itemIndex);
	const serviceId = requirePattern.call(this, 'serviceId', 'Service', /^[\w.-]+$/, 'a service code such as ig, tg or fb', itemIndex);
	const bought = await apiRequest(this, emailRequests.buyEmail(serviceId, domain), parseBuyEmail, itemIndex);
	return {
		emailId: bought.emailId,
		email: bought.email,
		service: bought.service,
		serviceId,
		domain: bought.domain || domain,
		price: bought.price,
		balance: bought.balance,
		source: 'email',
		boughtAt: new Date(Date.now()).toISOString(),
	};
}
