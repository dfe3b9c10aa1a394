import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	emailRequests,
	parseBuyEmail,
	parseEmailHistory,
	parseEmailServices,
	type BoughtEmail,
	type EmailHistoryEntry,
} from '../../../../../protocol/email';
import { apiRequest } from '../../../../shared/transport';
import { requirePattern } from '../../../../shared/parameters';
import { purchaseNotice, showFor } from '../common.descriptions';
import { buyWithLookup, remember, type History } from '../reconcile';
import { buyWithinLimits, spendLimitsField } from '../spendLimits';
import { OTPGET } from '../../../../../protocol/dialects';
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
		typeOptions: {
			loadOptionsMethod: 'getEmailServices',
			loadOptionsDependsOn: ['domain', 'customDomain'],
		},
		default: '',
		required: true,
		description:
			'Service you need the code for (the list shows price and stock), e.g. ig, tg, fb. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = showFor('email', 'buyEmail', [
	...properties,
	spendLimitsField(
		'PKR',
		"The price is the service's listed price on the domain (Get Services), read once per execution.",
	),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const domain = readDomain.call(this, itemIndex);
	const serviceId = requirePattern.call(
		this,
		'serviceId',
		'Service',
		/^[\w.-]+$/,
		'a service code such as ig, tg or fb',
		itemIndex,
	);
	const history = emailHistory(this, itemIndex);
	const price = {
		key: `email:${domain}:${serviceId}`,
		read: async () =>
			(
				await apiRequest(
					this,
					emailRequests.getEmailServices(domain),
					parseEmailServices,
					itemIndex,
				)
			).find((s) => s.serviceId === serviceId)?.price ?? null,
	};
	const {
		result: { order: bought, reconciled },
		listedPrice,
	} = await buyWithinLimits(
		this,
		itemIndex,
		OTPGET.currency,
		price,
		async () =>
			await buyWithLookup(
				this,
				itemIndex,
				history,
				async () =>
					await apiRequest(
						this,
						emailRequests.buyEmail(serviceId, domain),
						parseBuyEmail,
						itemIndex,
					),
				(e): BoughtEmail => ({
					emailId: e.emailId,
					email: e.email,
					service: e.serviceName,
					domain: e.domain,
					price: e.price,
					balance: null,
					message: 'Found in Email History',
				}),
				(e) =>
					e.serviceId === serviceId &&
					(!e.domain || e.domain.toLowerCase() === domain.toLowerCase()),
			),
		(r) => r.order.price,
	);
	await remember(this, history, bought.emailId);
	return {
		...(reconciled
			? {
					reconciled: true,
					note: 'The answer to Buy Email was lost; this address was found in Email History',
				}
			: {}),
		emailId: bought.emailId,
		email: bought.email,
		service: bought.service,
		serviceId,
		domain: bought.domain || domain,
		price: bought.price ?? listedPrice,
		currency: OTPGET.currency,
		balance: bought.balance,
		source: 'email',
		boughtAt: new Date(Date.now()).toISOString(),
	};
}

/** Email History page 1 (newest first), where an address whose answer was lost is looked up. */
function emailHistory(ctx: IExecuteFunctions, itemIndex: number): History<EmailHistoryEntry> {
	return {
		name: 'emailHistory',
		label: 'Email → Get History',
		read: async () =>
			(await apiRequest(ctx, emailRequests.getEmailHistory(1), parseEmailHistory, itemIndex))
				.history,
		idOf: (e) => e.emailId,
	};
}
