import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cheapRequests } from '../../../../../protocol/cheap';
import { parseStatus } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import { requireString } from '../../../../shared/parameters';
import { orderIdField, showFor } from '../common.descriptions';

const properties: INodeProperties[] = [orderIdField('Order ID returned by Buy Number')];

export const description = showFor('cheapNumber', 'getStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const { status, code } = await apiRequest(
		this,
		cheapRequests.getStatus(orderId),
		parseStatus,
		itemIndex,
	);
	return { orderId, status, code };
}
