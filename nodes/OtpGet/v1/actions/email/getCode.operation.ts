import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { emailRequests, parseEmailCode } from '../../../../../protocol/email';
import { apiRequest } from '../../../../shared/transport';
import { requireString } from '../../../../shared/parameters';
import { emailIdField } from './fields';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [emailIdField()];

export const description = showFor('email', 'getCode', properties);

/** waiting and cancelled are answers, not errors: the item says which. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const emailId = requireString.call(this, 'emailId', 'Email ID', itemIndex);
	const result = await apiRequest(
		this,
		emailRequests.getEmailCode(emailId),
		parseEmailCode,
		itemIndex,
	);
	return {
		emailId,
		status: result.status,
		code: result.code,
		messages: result.messages.map((m) => ({ ...m })),
	};
}
