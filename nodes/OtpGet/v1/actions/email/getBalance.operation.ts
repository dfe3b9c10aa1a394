import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OTPGET } from '../../../../../protocol/providers';
import { emailRequests, parseEmailBalance } from '../../../../../protocol/email';
import { providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';

export const description: INodeProperties[] = [];

/** The wallet as the email API reports it (otpget-sms-rental-email.txt: getBalance "works on both APIs"). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const balance = await apiRequest(this, emailRequests.getBalance(), parseEmailBalance, itemIndex);
	return { balance, ...providerFields(OTPGET), api: 'email' };
}
