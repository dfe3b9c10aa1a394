import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseRegetNumber, smsRequestsFor } from '../../../../../protocol/sms';
import { requireString } from '../../../../shared/parameters';
import { dialectOf, providerFields } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { orderIdField, purchaseNotice } from '../common.descriptions';
import { buyWithinLimits, spendLimitsField } from '../spendLimits';
import { orderExtras } from './getNumber.operation';
import { perProvider } from './fields';

export const description: INodeProperties[] = perProvider('regetNumber', (d) =>
	d.features.regetNumber
		? [
				purchaseNotice(
					`A new order on the same number, charged again at the original price. Only for a completed ${d.name} order of a multi-SMS service; wait for its code with its new orderId.`,
				),
				orderIdField('Order ID of a completed order that received a code'),
				spendLimitsField(
					d.currency,
					'The price of a new code is not listed before buying, so there is no Max Price here; Max Purchases and Max Spend apply',
					false,
				),
			]
		: [],
);

/** Spends money: the router reports this item's order if a later item fails. */
export const spends = true;

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const d = dialectOf(this, itemIndex);
	const previousOrderId = requireString.call(this, 'orderId', 'Order ID', itemIndex);
	// A charged purchase: the execution's budget applies as to Get Number (an AI Agent can call it too).
	const { result: order } = await buyWithinLimits(
		this,
		itemIndex,
		d.currency,
		null,
		async () =>
			await apiRequest(
				this,
				smsRequestsFor(d).regetNumber(previousOrderId),
				parseRegetNumber,
				itemIndex,
			),
		(o) => o.price ?? null,
	);
	return {
		orderId: order.orderId,
		phone: order.phone,
		previousOrderId,
		source: 'smsActivation',
		boughtAt: new Date().toISOString(),
		...orderExtras(order),
		...providerFields(d),
	};
}
