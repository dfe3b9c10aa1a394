import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseStatus, smsRequestsFor } from '../../../../../protocol/sms';
import { requireString } from '../../../../shared/parameters';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { orderIdField, showFor } from '../common.descriptions';

const properties: INodeProperties[] = [orderIdField('Order ID returned by Get Number')];

export const description = showFor('smsActivation', 'getStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const status = await apiRequest(
		this,
		smsRequestsFor(d).getStatus(orderId),
		parseStatus,
		itemIndex,
	);
	return {
		orderId,
		status: status.status,
		code: status.code,
		// After Request Another SMS: STATUS_WAIT_RETRY carries the previous code while the next one is awaited.
		...(status.lastCode ? { lastCode: status.lastCode } : {}),
		...(status.text !== undefined && status.text !== status.code ? { text: status.text } : {}),
		...providerFields(d),
	};
}
