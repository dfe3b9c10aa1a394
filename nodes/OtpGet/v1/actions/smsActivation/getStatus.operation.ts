import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseStatus, smsRequests } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import { orderIdField, showFor } from '../common.descriptions';
import { requireString } from '../../../../shared/parameters';

const properties: INodeProperties[] = [orderIdField('Order ID returned by Get Number')];

export const description = showFor('smsActivation', 'getStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const status = await apiRequest(this, smsRequests.getStatus(orderId), parseStatus, itemIndex);
	return {
		orderId,
		status: status.status,
		code: status.code,
		...(status.lastCode ? { lastCode: status.lastCode } : {}),
	};
}
