import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseSetStatus, smsRequestsFor } from '../../../../../protocol/sms';
import { badStatusMeansCodeIn, sendStatus } from '../../../../../protocol/statusFallback';
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
		outcome = await sendStatus(d, action, (value) =>
			apiRequest(
				this,
				smsRequestsFor(d).setStatus(orderId, action, value),
				(text) => parseSetStatus(text, action, d),
				itemIndex,
			),
		);
	} catch (error) {
		// Where two forms were tried (InstaOTP), BAD_STATUS is about the value, not a code that came.
		const explained = badStatusMeansCodeIn(d) ? explainCancelRefusal(error, action) : error;
		throw toNodeError(this.getNode(), explained, { itemIndex });
	}
	return {
		orderId,
		action,
		status: outcome,
		refunded: outcome === 'cancelled',
		...providerFields(d),
	};
}
