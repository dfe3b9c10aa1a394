import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { otpGetApiTest } from './methods/credentialTest';
import {
	getCheapServers,
	getEmailServices,
	getRentalsById,
	getRentalsBySmsOrderId,
	getRentalCountries,
	getRentalDurations,
	getSmsCountries,
	getSmsServices,
} from './methods/loadOptions';

export class OtpGetV1 implements INodeType {
	description: INodeTypeDescription = {
		...versionDescription,
		subtitle: versionDescription.subtitle,
		usableAsTool: true,
		icon: versionDescription.icon,
	};

	methods = {
		loadOptions: {
			getSmsCountries,
			getSmsServices,
			getCheapServers,
			getRentalCountries,
			getRentalDurations,
			getEmailServices,
			getRentalsById,
			getRentalsBySmsOrderId,
		},
		credentialTest: { otpGetApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
