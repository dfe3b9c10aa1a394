import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OTPGET } from '../../../../../protocol/dialects';
import { parseBalance, smsRequests } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const balance = await apiRequest(this, smsRequests.getBalance(), parseBalance, itemIndex);
	return { balance, currency: OTPGET.currency };
}
