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
import { purchase } from '../purchase';
import { samePrice, type History, type Lookup } from '../reconcile';
import { spendLimitsField } from '../spendLimits';
import { OTPGET } from '../../../../../protocol/providers';
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
		OTPGET.currency,
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
	const lookup: Lookup<EmailHistoryEntry, BoughtEmail> = {
		history: emailHistory(this, itemIndex),
		// Ours: the same service and domain, the price we were quoted, created after our request started.
		matches: (e, ours) => {
			const created = Date.parse(e.createdAt ?? '');
			return (
				e.serviceId === serviceId &&
				(!e.domain || e.domain.toLowerCase() === domain.toLowerCase()) &&
				samePrice(e.price, ours.price) &&
				(Number.isNaN(created) || created >= ours.startedAt - CREATED_SLACK_MS)
			);
		},
		fromHistory: (e) => ({
			emailId: e.emailId,
			email: e.email,
			service: e.serviceName,
			domain: e.domain,
			price: e.price,
			balance: null,
			message: 'Found in Email History',
		}),
		idOfAnswer: (e) => e.emailId,
	};
	const { order: bought, stamp } = await purchase(this, itemIndex, {
		currency: OTPGET.currency,
		quote: {
			key: `email:${domain}:${serviceId}`,
			read: async (quick) => {
				const services = await apiRequest(
					this,
					emailRequests.getEmailServices(domain),
					parseEmailServices,
					itemIndex,
					{ quick },
				);
				const price = services.find((s) => s.serviceId === serviceId)?.price ?? null;
				return price === null
					? { price: null, why: `Get Services lists no price for ${serviceId} on ${domain}` }
					: { price };
			},
		},
		buy: async () =>
			await apiRequest(this, emailRequests.buyEmail(serviceId, domain), parseBuyEmail, itemIndex),
		paid: (e) => e.price,
		lookup: {
			lookup,
			note: 'The answer to Buy Email was lost; this address was found in Email History',
		},
	});
	return {
		emailId: bought.emailId,
		email: bought.email,
		service: bought.service,
		serviceId,
		domain: bought.domain || domain,
		balance: bought.balance,
		source: 'email',
		...stamp,
	};
}

/** A creation time can be read a little off (clock skew): what still counts as after our request. */
const CREATED_SLACK_MS = 2 * 60_000;

/** Email History page 1 (newest first), where an address whose answer was lost is looked up. */
function emailHistory(ctx: IExecuteFunctions, itemIndex: number): History<EmailHistoryEntry> {
	return {
		name: 'emailHistory',
		label: 'Email → Get History',
		read: async () =>
			(await apiRequest(ctx, emailRequests.getEmailHistory(1), parseEmailHistory, itemIndex))
				.history,
		idOf: (e) => e.emailId,
		describe: (e) =>
			`emailId ${e.emailId}, ${e.email}, ${e.serviceId}, ${e.price ?? '?'} ${OTPGET.currency}, created ${e.createdAt ?? '?'}`,
	};
}
