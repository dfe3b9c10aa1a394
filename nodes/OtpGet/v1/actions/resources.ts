import type { ApiName } from '../../../../protocol/types';
import type { OtpGetResource, ResourceModule } from './node.type';
import * as account from './account/Account.resource';
import * as cheapNumber from './cheapNumber/CheapNumber.resource';
import * as email from './email/Email.resource';
import * as rental from './rental/Rental.resource';
import * as smsActivation from './smsActivation/SmsActivation.resource';

/**
 * Resource value → its name, operations and the provider API it calls: the one table the router and the
 * description are built from. A provider offers a resource when its dialect has that API.
 */
export const resources: {
	[R in OtpGetResource]: ResourceModule<R> & { displayName: string; api: ApiName };
} = {
	account: { displayName: 'Account', api: 'sms', ...account },
	smsActivation: { displayName: 'SMS Activation', api: 'sms', ...smsActivation },
	cheapNumber: { displayName: 'Cheap Number', api: 'cheap', ...cheapNumber },
	rental: { displayName: 'Rental', api: 'rental', ...rental },
	email: { displayName: 'Email', api: 'email', ...email },
};
