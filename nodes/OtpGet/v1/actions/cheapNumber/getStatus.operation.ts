import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { cheapRequests } from '../../../../../protocol/cheap';
import { parseStatus } from '../../../../../protocol/sms';
import { apiRequest } from '../../transport';
import { requireString } from '../../helpers/parameters';
import { orderIdField } from '../common.descriptions';
import { forOperation } from './fields';

const properties: INodeProperties[] = [orderIdField('Order ID returned by Buy Number')];

export const description = updateDisplayOptions(forOperation('getStatus'), properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const { status, code } = await apiRequest(this, cheapRequests.getStatus(orderId), parseStatus, itemIndex);
	return { orderId, status, code };
}
