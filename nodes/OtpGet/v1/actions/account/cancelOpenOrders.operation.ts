import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dialectOf, providerFields } from '../../../../shared/provider';
import { showFor } from '../common.descriptions';
import { cancelOrder, findOpenOrders, unlisted } from './openOrders';

const properties: INodeProperties[] = [
	{
		displayName:
			'Cancels and refunds EVERY open order this credential has where the provider lists them (SastaOTP pending SMS orders, OTPGet email addresses still waiting), including orders another workflow is still waiting on. Run with Dry Run first.',
		name: 'cancelAllNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to only list what would be cancelled, without cancelling anything. Turn off to cancel.',
	},
];

export const description = showFor('account', 'cancelOpenOrders', properties);

/** One item: what was found, what was (or would be) cancelled, and what this provider cannot list. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const dryRun = this.getNodeParameter('dryRun', itemIndex, true) !== false;
	const open = await findOpenOrders(this, d, itemIndex);
	const orders: IDataObject[] = [];
	for (const order of open) {
		const outcome = dryRun
			? { outcome: 'wouldCancel', refunded: false }
			: await cancelOrder(this, d, order, itemIndex);
		orders.push({ ...order, ...outcome });
	}
	return {
		dryRun,
		found: open.length,
		cancelled: orders.filter((o) => o.refunded === true).length,
		failed: orders.filter((o) => o.outcome === 'failed').length,
		orders,
		cannotList: unlisted(d),
		...providerFields(d),
	};
}
