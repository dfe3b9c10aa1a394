import type { INode, INodeCredentialDescription, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { OtpGetWaitForOtp } from '../../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';

/**
 * Which credentials n8n shows (editor) and lets the node read (n8n-core's getCredentials checks the FIRST
 * declaration of a type with displayParameter): one per provider, and under "several" one per listed provider.
 * The editor reads the description as JSON, so the rules are checked after a JSON round trip as well.
 */
const nodes: Array<[string, INodeTypeDescription]> = [
	['OTPGet', new OtpGet().nodeVersions[1].description],
	['Wait for OTP', new OtpGetWaitForOtp().description],
];

function shown(description: INodeTypeDescription, parameters: Record<string, unknown>): string[] {
	const node = { typeVersion: 1, parameters } as unknown as INode;
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	);
	return (description.credentials ?? [])
		.filter((c: INodeCredentialDescription) =>
			NodeHelpers.displayParameter(resolved ?? {}, c, node, description),
		)
		.map((c) => c.name);
}

describe.each(nodes)('%s credentials', (_, original) => {
	const asJson = JSON.parse(JSON.stringify(original)) as INodeTypeDescription;

	it.each([
		['as built', original],
		['as the editor reads it (JSON)', asJson],
	])('%s: one per provider, each listed one under several', (__, description) => {
		expect(shown(description, {})).toEqual(['otpGetApi']);
		expect(shown(description, { apiProvider: 'sastaotp' })).toEqual(['sastaOtpApi']);
		expect(shown(description, { apiProvider: 'otpx' })).toEqual(['otpxApi']);
		const several = (providers: string[]) => ({
			apiProvider: 'several',
			resource: 'smsActivation',
			operation: 'bestOffer',
			source: 'sms',
			providers,
		});
		expect(shown(description, several(['sastaotp', 'otpget']))).toEqual([
			'otpGetApi',
			'sastaOtpApi',
		]);
		expect(shown(description, several(['instaotp']))).toEqual(['instaOtpApi']);
		// Each type is declared once: n8n-core reads the first declaration only.
		const names = (description.credentials ?? []).map((c) => c.name);
		expect(new Set(names).size).toBe(names.length);
	});
});
