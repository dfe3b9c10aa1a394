import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseOrders, smsRequestsFor } from '../../../../../protocol/sms';
import { requireInteger } from '../../../../shared/parameters';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { perProvider } from './fields';

// The order history's filters, as the provider's document lists them (SastaOTP).
export const description: INodeProperties[] = perProvider('getOrders', (d) => {
	const orders = d.orders;
	if (!orders) return [];
	return [
		{
			displayName: 'Order Status',
			name: 'orderStatus',
			type: 'options',
			options: [
				{ name: 'All', value: '' },
				...orders.statuses.map((s) => ({ name: s.charAt(0).toUpperCase() + s.slice(1), value: s })),
			],
			default: '',
			description: 'Only orders in this state',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: orders.maxLimit },
			default: 50,
			description: 'Max number of results to return',
		},
		{
			displayName: 'Page',
			name: 'page',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			description: 'Page of the history, newest orders first (1 = the latest)',
		},
	];
});

/** One item per order of the page, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const d = dialectOf(this, itemIndex);
	const limit = requireInteger.call(this, 'limit', 'Limit', 1, itemIndex);
	const page = requireInteger.call(this, 'page', 'Page', 1, itemIndex);
	const status =
		String(this.getNodeParameter('orderStatus', itemIndex, '') ?? '').trim() || undefined;
	const answer = await apiRequest(
		this,
		smsRequestsFor(d).getOrders({ limit, page, status }),
		parseOrders,
		itemIndex,
	);
	return answer.orders.map((o) => ({
		...o,
		page: answer.page ?? page,
		total: answer.total,
		...providerFields(d),
	}));
}
