import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseSetStatus, smsRequests } from '../../../../../protocol/sms';
import { toNodeError } from '../../../../shared/errors';
import { apiRequest } from '../../../../shared/transport';
import { completeOrCancelField, orderIdField, explainCancelRefusal, readCompleteOrCancel, showFor } from '../common.descriptions';
import { requireString } from '../../../../shared/parameters';

const properties: INodeProperties[] = [
	orderIdField('Order ID returned by Get Number'),
	completeOrCancelField('Cancel and get the money back; allowed 2 minutes after purchase and only if no code arrived'),
];

export const description = showFor('smsActivation', 'setStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const action = readCompleteOrCancel.call(this, itemIndex);
	let outcome;
	try {
		outcome = await apiRequest(
			this,
			smsRequests.setStatus(orderId, action),
			(text) => parseSetStatus(text, action),
			itemIndex,
		);
	} catch (error) {
		throw toNodeError(this.getNode(), explainCancelRefusal(error, action), { itemIndex });
	}
	return { orderId, action, status: outcome, refunded: outcome === 'cancelled' };
}
