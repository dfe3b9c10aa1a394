import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorCodeOf, toNodeError } from '../../../shared/errors';
import { dialectOf, isSeveral } from '../../../shared/provider';
import type { OperationModule, OtpGetResource } from './node.type';
import { resources } from './resources';
import { withPaidOrders, type PaidOrder } from './paidOrders';

/** Every input item runs its own request; one failing item fails alone under "Continue On Fail". */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const paid: PaidOrder[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = operationOf(resource, operation);
			// Under "Several Providers" each operation names the providers it calls (SMS Activation only).
			const dialect = isSeveral(this, itemIndex) ? undefined : dialectOf(this, itemIndex);
			if (
				handler &&
				dialect &&
				dialect.endpoints[resources[resource as OtpGetResource].api] === undefined
			) {
				throw new NodeOperationError(
					this.getNode(),
					`${dialect.name} does not offer "${resources[resource as OtpGetResource].displayName}"`,
					{
						itemIndex,
						description: `Choose OTPGet as the provider for this resource, or pick a resource ${dialect.name} offers.`,
					},
				);
			}
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{
						itemIndex,
					},
				);
			}
			if (handler.spends && this.getNode().retryOnFail) {
				// n8n's Retry On Fail runs the whole node again: every item of the batch would be bought twice.
				throw new NodeOperationError(
					this.getNode(),
					'Turn off "Retry On Fail" in this node\'s settings: it would buy again after a failure',
					{
						itemIndex,
						description:
							"Purchases are never retried automatically: an answer lost on the way back may hide a paid order. Nothing was bought. Handle failures with the node's error output instead (Settings → On Error → Continue (using error output)).",
					},
				);
			}
			const result = await handler.execute.call(this, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({ json, pairedItem: { item: itemIndex } });
				if (handler.spends) paid.push({ itemIndex, json });
			}
		} catch (error) {
			const failure = toNodeError(this.getNode(), error, { itemIndex });
			if (!this.continueOnFail()) {
				throw paid.length > 0
					? withPaidOrders(failure, error, paid, itemIndex, items.length)
					: failure;
			}
			const details: IDataObject = {};
			if (failure.description) details.description = failure.description;
			const code = errorCodeOf(error);
			if (code) details.code = code;
			// n8n moves an item to the error output only when its json holds nothing but `error` (an item.error
			// would make it replace the json with the bare message): there the details go inside `error`, so a
			// branch can still read $json.error.code.
			const json: IDataObject =
				this.getNode().onError === 'continueErrorOutput'
					? { error: { message: failure.message, ...details } }
					: { error: failure.message, ...details };
			returnData.push({ json, pairedItem: { item: itemIndex } });
		}
	}
	return [returnData];
}

function operationOf(resource: string, operation: string): OperationModule | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations: Record<string, OperationModule> =
		resources[resource as OtpGetResource].operations;
	return Object.prototype.hasOwnProperty.call(operations, operation)
		? operations[operation]
		: undefined;
}
