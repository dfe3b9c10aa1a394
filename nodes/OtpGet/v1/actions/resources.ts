import type { ResourceModule } from './types';
import * as account from './account/Account.resource';
import * as cheapNumber from './cheapNumber/CheapNumber.resource';
import * as email from './email/Email.resource';
import * as rental from './rental/Rental.resource';
import * as smsActivation from './smsActivation/SmsActivation.resource';

/** Resource value → its operations: the one table the router and the description are built from. */
export const resources: Record<string, ResourceModule> = {
	account,
	smsActivation,
	cheapNumber,
	rental,
	email,
};
