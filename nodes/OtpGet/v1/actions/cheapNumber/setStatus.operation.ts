import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cheapRequests } from '../../../../../protocol/cheap';
import { OTPGET } from '../../../../../protocol/providers';
import { parseSetStatus } from '../../../../../protocol/sms';
import { toNodeError } from '../../../../shared/errors';
import { apiRequest } from '../../../../shared/transport';
import { requireString } from '../../../../shared/parameters';
import {
	completeOrCancelField,
	orderIdField,
	explainCancelRefusal,
	readCompleteOrCancel,
	showFor,
} from '../common.descriptions';

const properties: INodeProperties[] = [
	orderIdField('Order ID returned by Buy Number'),
	completeOrCancelField('Cancel the number and get the money back; only while no code has arrived'),
];

export const description = showFor('cheapNumber', 'setStatus', properties);

/** Complete sends status 3 (the cheap doc's "finish"), Cancel & Refund sends 8. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const action = readCompleteOrCancel.call(this, itemIndex);
	let outcome;
	try {
		outcome = await apiRequest(
			this,
			cheapRequests.setStatus(orderId, action),
			// cheap_handler.php answers setStatus in OTPGet's handler_api.php words.
			(text) => parseSetStatus(text, action, OTPGET),
			itemIndex,
		);
	} catch (error) {
		throw toNodeError(this.getNode(), explainCancelRefusal(error, action), { itemIndex });
	}
	return { orderId, action, status: outcome, refunded: outcome === 'cancelled' };
}
