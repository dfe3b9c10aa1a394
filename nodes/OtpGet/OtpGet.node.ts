import type { INodeTypeBaseDescription, IVersionedNodeType } from 'n8n-workflow';
import { VersionedNodeType } from 'n8n-workflow';

import { OtpGetV1 } from './v1/OtpGetV1';

export class OtpGet extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'OTPGet',
			name: 'otpGet',
			icon: { light: 'file:../../icons/otpget.svg', dark: 'file:../../icons/otpget.dark.svg' },
			group: ['transform'],
			description: 'Buy virtual numbers and temporary emails and receive OTP codes with OTPGet',
			defaultVersion: 1,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new OtpGetV1(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
