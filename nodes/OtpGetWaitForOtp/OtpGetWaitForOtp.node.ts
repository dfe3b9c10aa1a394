import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
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
		description: 'Waits for the OTP codes of many OTPGet orders at once, then completes or refunds them',
		defaults: { name: 'Wait for OTP' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Received', 'Timed Out / Cancelled'],
		credentials: providerCredentials(),
		properties,
	};


	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await waitForOtp.call(this);
	}
}
