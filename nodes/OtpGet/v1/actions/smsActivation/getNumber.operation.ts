import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseNumber, smsRequests } from '../../../../../protocol/sms';
import { apiRequest } from '../../../../shared/transport';
import { providerTypeField, PROVIDER_TYPES, smsCountryField, smsServiceField, showFor } from '../common.descriptions';
import { requireNumericId, requireOneOf } from '../../../../shared/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Buying a number spends money from your wallet. If no code arrives, cancel it (Set Status → Cancel & Refund, or let Wait for OTP do it) to get the money back.',
		name: 'purchaseNotice',
		type: 'notice',
		default: '',
	},
	providerTypeField,
	smsCountryField,
	smsServiceField,
];

export const description = showFor('smsActivation', 'getNumber', properties);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerType = requireOneOf.call(this, 'providerType', 'Provider Type', PROVIDER_TYPES, itemIndex);
	const country = requireNumericId.call(this, 'country', 'Country', itemIndex);
	const service = requireNumericId.call(this, 'service', 'Service', itemIndex);
	const order = await apiRequest(
		this,
		smsRequests.getNumber(service, country, providerType),
		parseNumber,
		itemIndex,
	);
	return {
		orderId: order.orderId,
		phone: order.phone,
		country,
		service,
		providerType,
		source: 'smsActivation',
		boughtAt: new Date().toISOString(),
	};
}
