import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cheapRequests, parseCheapNumber } from '../../../../../protocol/cheap';
import { apiRequest } from '../../../../shared/transport';
import { requireNumericId } from '../../../../shared/parameters';
import { purchaseNotice, showFor } from '../common.descriptions';
import { purchase } from '../purchase';
import { spendLimitsField } from '../spendLimits';
import { readServerType, serverField, serverTypeField } from './fields';
import { OTPGET } from '../../../../../protocol/providers';

const properties: INodeProperties[] = [
	purchaseNotice(
		'Buying a number spends money from your wallet. The number stays valid for 15 minutes; if no code arrives, cancel it (Set Status → Cancel & Refund) to get the money back.',
	),
	serverTypeField,
	serverField,
];

export const description = showFor('cheapNumber', 'buyNumber', [
	...properties,
	spendLimitsField(
		OTPGET.currency,
		"A cheap number's price is not known before or after buying (the API lists none), so there is no Max Price here and a Max Spend (node or credential) refuses cheap purchases; Max Purchases applies",
		false,
	),
]);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const type = readServerType.call(this, itemIndex);
	const server = requireNumericId.call(this, 'server', 'Server', itemIndex);
	const { order, stamp } = await purchase(this, itemIndex, {
		currency: OTPGET.currency,
		quote: { why: 'the cheap-number API tells no price, before or after buying' },
		buy: async () =>
			await apiRequest(this, cheapRequests.buyNumber(server, type), parseCheapNumber, itemIndex),
		paid: () => null,
	});
	// The expiry counts from the purchase's own stamp (one clock reading, not a second one a millisecond later).
	const boughtAt = Date.parse(String(stamp.boughtAt));
	return {
		orderId: order.orderId,
		phone: order.phone,
		expiresInSeconds: order.expiresInSeconds,
		expiresAt: new Date(boughtAt + order.expiresInSeconds * 1000).toISOString(),
		server,
		type,
		source: 'cheapNumber',
		...stamp,
	};
}
