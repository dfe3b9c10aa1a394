import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { emailRequests, parseCancelEmail } from '../../../../../protocol/email';
import { apiRequest } from '../../../../shared/transport';
import { requireString } from '../../../../shared/parameters';
import { emailIdField } from './fields';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName:
			'Still waiting: the address is cancelled and refunded (outcome "cancelled"). Code already received: the order is completed and the code returned, no refund (outcome "completed"). Safe to run again.',
		name: 'cancelNotice',
		type: 'notice',
		default: '',
	},
	emailIdField(),
];

export const description = showFor('email', 'cancel', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const emailId = requireString.call(this, 'emailId', 'Email ID', itemIndex);
	const result = await apiRequest(
		this,
		emailRequests.cancelEmail(emailId),
		parseCancelEmail,
		itemIndex,
	);
	// "Already cancelled" is a success that refunds nothing more, whatever amount the answer repeats.
	const already = result.outcome === 'cancelled' && /already/i.test(result.message);
	return {
		emailId,
		outcome: result.outcome,
		code: result.code ?? null,
		refunded: already ? 0 : (result.refunded ?? 0),
		alreadyCancelled: already,
		balance: result.balance ?? null,
		message: result.message,
	};
}
