import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { DIALECTS, PROVIDER_IDS } from '../../../protocol/providers';
import { providerCredentials, providerField, SEVERAL } from '../../shared/provider';
import { resources } from './actions/resources';
import { router } from './actions/router';
import * as dropdowns from './methods';

/** The named dropdowns, and Best Offer's one per provider (generated from the provider modules). */
const { offerMethods, ...namedDropdowns } = dropdowns;

/** Version 1 of the OTPGet node; name, icon and group come from the versioned shell (OtpGet.node.ts). */
export class OtpGetV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			defaults: { name: 'OTPGet' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: providerCredentials(undefined, true),
			properties: [
				providerField(
					"Whose API to call. Each provider has its own credential; Cheap Number, Rental and Email are OTPGet's only.",
					undefined,
					{
						name: 'Several Providers (Best Offer)',
						description: 'Buy where it is cheapest and in stock across the providers you choose',
					},
				),
				// One Resource list per provider: the resources whose API the provider's dialect has.
				...PROVIDER_IDS.map((p): INodeProperties => ({
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					displayOptions: { show: { apiProvider: [p] } },
					options: Object.entries(resources)
						.filter(([, r]) => DIALECTS[p].endpoints[r.api] !== undefined)
						.map(([value, r]) => ({ name: r.displayName, value }))
						.sort((a, b) => a.name.localeCompare(b.name)),
					default: 'smsActivation',
				})),
				{
					displayName: 'Resource',
					name: 'resource',
					type: 'options',
					noDataExpression: true,
					displayOptions: { show: { apiProvider: [SEVERAL] } },
					options: [{ name: resources.smsActivation.displayName, value: 'smsActivation' }],
					default: 'smsActivation',
				},
				...Object.values(resources).flatMap((r) => r.description),
			],
		};
	}

	methods = {
		loadOptions: { ...namedDropdowns, ...offerMethods },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
