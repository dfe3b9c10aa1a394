import type { INodeProperties } from 'n8n-workflow';

/**
 * What every provider credential sets once for everyone who uses it: the spend guard's defaults (the node's own
 * limits apply too; the stricter wins) and the request cap the provider sees from all n8n processes together.
 */
export function limitProperties(currency: string): INodeProperties[] {
	return [
		{
			displayName: 'Max Spend per Execution',
			name: 'maxSpendPerExecution',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: `Most one execution of a node using this credential may spend, in ${currency} (0 = no limit). Applies to every workflow and AI Agent that uses the credential.`,
		},
		{
			displayName: 'Max Purchases per Execution',
			name: 'maxPurchasesPerExecution',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 0,
			description:
				'Most purchases one execution of a node using this credential may make (0 = no limit)',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 2 },
			default: 10,
			description:
				"The provider's cap for everything sent with this key (purchases, checks, cancels), from all n8n processes together",
		},
		{
			displayName: 'N8n Processes Sharing This Key',
			name: 'processes',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description:
				'Queue mode: main + workers that run workflows with this key. Each process sends at most its share of the cap.',
		},
	];
}
