import type { OtpGetResource, ResourceModule } from './node.type';
import * as account from './account/Account.resource';
import * as cheapNumber from './cheapNumber/CheapNumber.resource';
import * as email from './email/Email.resource';
import * as rental from './rental/Rental.resource';
import * as smsActivation from './smsActivation/SmsActivation.resource';

/** Resource value → its name and operations: the one table the router and the description are built from. */
export const resources: { [R in OtpGetResource]: ResourceModule<R> & { displayName: string } } = {
	account: { displayName: 'Account', ...account },
	smsActivation: { displayName: 'SMS Activation', ...smsActivation },
	cheapNumber: { displayName: 'Cheap Number', ...cheapNumber },
	rental: { displayName: 'Rental', ...rental },
	email: { displayName: 'Email', ...email },
};
