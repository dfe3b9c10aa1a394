import type { ResourceModule } from './types';
import * as account from './account/Account.resource';
import * as smsActivation from './smsActivation/SmsActivation.resource';

/** Resource value → its operations: the one table the router and the description are built from. */
export const resources: Record<string, ResourceModule> = {
	account,
	smsActivation,
};
