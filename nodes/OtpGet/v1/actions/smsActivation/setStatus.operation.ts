import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseSetStatus, smsRequestsFor } from '../../../../../protocol/sms';
import { toNodeError } from '../../../../shared/errors';
import { requireString } from '../../../../shared/parameters';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { explainCancelRefusal, orderIdField } from '../common.descriptions';
import { perProvider, readIntent, statusFieldOf } from './fields';

// Each provider's own intents: OTPX cannot complete; OTPX and SastaOTP can ask for another SMS.
export const description: INodeProperties[] = perProvider('setStatus', (d) => [
	orderIdField('Order ID returned by Get Number'),
	statusFieldOf(d),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const orderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	const action = readIntent.call(this, d, itemIndex);
	let outcome;
	try {
		outcome = await apiRequest(
			this,
			smsRequestsFor(d).setStatus(orderId, action),
			(text) => parseSetStatus(text, action, d),
			itemIndex,
		);
	} catch (error) {
		throw toNodeError(this.getNode(), explainCancelRefusal(error, action), { itemIndex });
	}
	return {
		orderId,
		action,
		status: outcome,
		refunded: outcome === 'cancelled',
		...providerFields(d),
	};
}
