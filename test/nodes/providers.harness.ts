/**
 * Provider tests: one in-process sandbox speaking one provider's dialect per test file, reset before each test;
 * the OTPGet node and Wait for OTP run through test/helpers/context over real HTTP, with that provider's
 * credential type (getCredentials answers for it only, so a request under the wrong credential fails).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProviderId } from '../../protocol/providers';
import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import { OtpGetWaitForOtp } from '../../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import { CREDENTIAL_TYPES } from '../../nodes/shared/provider';
import {
	resolveOptions,
	startSandbox,
	TEST_KEY,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/server';
import { jsonOf, runNode, type RecordedHttp } from '../helpers/context';

export type Params = Record<string, unknown>;

/** 20 ms between checks, no binding rate cap. */
export const FAST = { pollInterval: 0.02, maxRequestsPerSecond: 1000 };

/** What each sandbox dialect sells in India, and how its provider-type parameter is sent. */
export const INDIA: Record<ProviderId, string> = {
	otpget: '61',
	otpx: '22',
	instaotp: '22',
	sastaotp: '91',
};

/** The services-list actions Get Number reads a price with. */
const PRICE_READS = new Set(['getServices', 'getService', 'getServicesList']);

export function providerHarness(provider: ProviderId, options: SandboxOptions = {}) {
	const node = new OtpGet();
	const wait = new OtpGetWaitForOtp();
	const defaults: SandboxOptions = { provider, otpDelayMs: -1, earlyCancelMs: 0, ...options };
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox(defaults);
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => {
		Object.assign(sandbox.options, { ...resolveOptions(defaults), port: sandbox.options.port });
		sandbox.state.reset();
	});

	const credentialType = CREDENTIAL_TYPES[provider];
	const credentials = (apiKey = TEST_KEY) => ({ apiKey, baseUrl: sandbox.url });

	/** The OTPGet node with this provider; one input item per params object. */
	async function run(
		params: Params | Params[],
		opts: { apiKey?: string; continueOnFail?: boolean; provider?: ProviderId | null } = {},
	) {
		const chosen = opts.provider === undefined ? provider : opts.provider;
		const list = (Array.isArray(params) ? params : [params]).map((p) =>
			chosen === null ? { ...p } : { apiProvider: chosen, ...p },
		);
		const { output, http } = await runNode(node, {
			params: list,
			items: list.map((_, i) => ({ json: { i } })),
			credentials: credentials(opts.apiKey),
			credentialType: chosen === null ? CREDENTIAL_TYPES.otpget : CREDENTIAL_TYPES[chosen],
			continueOnFail: opts.continueOnFail,
		});
		return { json: jsonOf(output), http };
	}

	async function failure(
		params: Params,
		opts: { apiKey?: string } = {},
	): Promise<Error & { description?: string }> {
		try {
			await run(params, opts);
		} catch (error) {
			return error as Error;
		}
		throw new Error(`expected ${JSON.stringify(params)} to fail`);
	}

	/** Wait for OTP with this provider. */
	async function waitFor(params: Params | Params[], items?: IDataObject[]) {
		const list = (Array.isArray(params) ? params : [params]).map((p) => ({
			apiProvider: provider,
			...p,
		}));
		const { output } = await runNode(wait, {
			params: list,
			items: list.map((_, i) => ({ json: items?.[i] ?? { i } })),
			credentials: credentials(),
			credentialType,
		});
		return { received: jsonOf(output, 0), other: jsonOf(output, 1) };
	}

	/** API requests for one order, by action. */
	const requestsFor = (id: string, action?: string) =>
		sandbox.requests.filter((r) => r.query.id === id && (!action || r.action === action));
	const ledger = (orderId: string) =>
		sandbox.state
			.ledger(TEST_KEY)
			.filter((e) => e.orderId === orderId)
			.map((e) => e.kind);
	// Get Number reads the service's listed price first (its cost in the output, Max Price): left out here,
	// tested on its own in spendGuard.test.ts.
	const sent = (withPriceReads = false) =>
		sandbox.requests
			.filter(
				(r, i, all) =>
					withPriceReads || !(PRICE_READS.has(r.action) && all[i + 1]?.action === 'getNumber'),
			)
			.map((r) => ({ path: r.path, ...r.query }) as IDataObject);
	const keyInUrl = (http: RecordedHttp[]) =>
		http.some((h) => JSON.stringify(h.qs).includes(TEST_KEY) || h.url.includes(TEST_KEY));

	return {
		get sandbox() {
			return sandbox;
		},
		credentialType,
		run,
		failure,
		waitFor,
		requestsFor,
		ledger,
		sent,
		keyInUrl,
	};
}
