/**
 * Best Offer and mixed batches: one sandbox per dialect over real HTTP, each credential type pointed at its own
 * sandbox (the node under "Several Providers" reads each provider's credential).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProviderId } from '../../protocol/providers';
import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { OtpGetWaitForOtp } from '../../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import { CREDENTIAL_TYPES } from '../../nodes/shared/provider';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { jsonOf, runNode } from '../helpers/context';

export const ALL: ProviderId[] = ['otpget', 'otpx', 'instaotp', 'sastaotp'];

export function sandboxes() {
	const boxes = {} as Record<ProviderId, Sandbox>;
	const keys: Partial<Record<ProviderId, string>> = {};
	/** Extra credential fields per provider (its own spend limits). */
	const extra: Partial<Record<ProviderId, IDataObject>> = {};
	beforeAll(async () => {
		for (const provider of ALL)
			boxes[provider] = await startSandbox({ provider, otpDelayMs: -1, earlyCancelMs: 0 });
	});
	afterAll(async () => {
		for (const provider of ALL) await boxes[provider].close();
	});
	beforeEach(() => {
		for (const provider of ALL) {
			boxes[provider].state.reset();
			delete keys[provider];
			delete extra[provider];
		}
	});
	const credentialsByType = () =>
		Object.fromEntries(
			ALL.map((p) => [
				CREDENTIAL_TYPES[p],
				{ apiKey: keys[p] ?? TEST_KEY, baseUrl: boxes[p].url, ...extra[p] },
			]),
		);
	const purchases = (p: ProviderId) =>
		boxes[p].requests.filter((r) => r.action === 'getNumber' || r.action === 'getNumberV2');

	async function run(
		params: IDataObject | IDataObject[],
		opts: { continueOnFail?: boolean; executionId?: string } = {},
	) {
		const list = Array.isArray(params) ? params : [params];
		const { output } = await runNode(new OtpGet(), {
			params: list,
			items: list.map((_, i) => ({ json: { i } })),
			credentialsByType: credentialsByType(),
			...opts,
		});
		return jsonOf(output);
	}

	async function wait(items: IDataObject[], params: IDataObject) {
		const { output } = await runNode(new OtpGetWaitForOtp(), {
			params,
			items: items.map((json) => ({ json })),
			credentialsByType: credentialsByType(),
		});
		return output.map((o) => o.map((i) => i.json));
	}

	return { boxes, keys, extra, run, wait, purchases };
}

/** A Best Offer item: `providers` and each chosen provider's own codes. */
export function bestOffer(providers: ProviderId[], extra: IDataObject = {}): IDataObject {
	return {
		resource: 'smsActivation',
		operation: 'bestOffer',
		apiProvider: 'several',
		providers,
		otpgetService: '101',
		otpgetCountries: ['61'],
		otpgetServers: ['1'],
		otpxService: 'tg',
		otpxCountries: '22',
		instaotpService: 'tg',
		instaotpCountries: '22',
		sastaotpService: 'tg',
		sastaotpCountries: ['91'],
		ranking: 'cheapest',
		...extra,
	};
}
