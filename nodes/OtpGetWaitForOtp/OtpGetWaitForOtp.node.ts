import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { providerCredentials } from '../shared/provider';
import { properties } from './description';
import { waitForOtp } from './execute';

export class OtpGetWaitForOtp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OTPGet Wait for OTP',
		name: 'otpGetWaitForOtp',
		icon: { light: 'file:../../icons/otpget.svg', dark: 'file:../../icons/otpget.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ "Wait for code: " + ($parameter["source"] === "email" ? "Email" : $parameter["source"] === "rental" ? "Rental SMS" : $parameter["source"] === "cheap" ? "Cheap Number" : "SMS Activation") }}',
		description:
			'Waits for the OTP codes of many OTPGet orders at once, then completes or refunds them',
		defaults: { name: 'Wait for OTP' },
		// As an AI tool it is called for one order at a time; the model needs to know it costs nothing and what it returns.
		usableAsTool: {
			replacements: {
				description:
					'Waits for the OTP code of one order (the orderId returned by Get Number or Buy Number) and returns {orderId, code, text, completed, refunded}. Free to call; blocks until the code arrives or the timeout (10 min unless set). Without a code in time the order is cancelled and refunded.',
			},
		},
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Received', 'Timed Out / Cancelled'],
		credentials: providerCredentials(undefined, true),
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await waitForOtp.call(this);
	}
}
