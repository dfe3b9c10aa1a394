import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseBalance, smsRequestsFor } from '../../../../../protocol/sms';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';

export const description: INodeProperties[] = [];

/** The wallet balance in the provider's own currency (OTPGet PKR, the others INR). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const balance = await apiRequest(this, smsRequestsFor(d).getBalance(), parseBalance, itemIndex);
	return { balance, ...providerFields(d) };
}
