import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cheapRequests } from '../../../../../protocol/cheap';
import { OTPGET } from '../../../../../protocol/providers';
import { parseBalance } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';

export const description: INodeProperties[] = [];

/** The same wallet as Account › Get Balance, asked through cheap_handler.php. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const balance = await apiRequest(this, cheapRequests.getBalance(), parseBalance, itemIndex);
	return { balance, currency: OTPGET.currency };
}
