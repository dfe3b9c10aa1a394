/**
 * Wait for OTP node tests: an in-process sandbox per test file, reset before each test, the node run through
 * test/helpers/context over real HTTP. Intervals are tens of milliseconds; the 2-minute early-cancel rule and
 * cheap-number expiry are crossed by moving the sandbox clock.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OtpGetWaitForOtp } from '../../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';
import {
	resolveOptions,
	startSandbox,
	TEST_KEY,
	type Sandbox,
	type SandboxOptions,
} from '../../sandbox/server';
import { jsonOf, runNode } from '../helpers/context';

export type Params = Record<string, unknown>;

/** Options that keep a test fast: 20 ms between checks, no binding rate cap. */
export const FAST = { pollInterval: 0.02, maxRequestsPerSecond: 1000 };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `predicate` every 5 ms for up to `ms`. */
export async function until(predicate: () => boolean, ms = 5000): Promise<void> {
	const end = Date.now() + ms;
	while (!predicate()) {
		if (Date.now() > end) throw new Error('condition not met in time');
		await sleep(5);
	}
}

export function waitHarness(options: SandboxOptions = {}) {
	const node = new OtpGetWaitForOtp();
	const defaults = { otpDelayMs: -1, ...options };
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox(defaults);
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => {
		Object.assign(sandbox.options, { ...resolveOptions(defaults), port: sandbox.options.port });
		sandbox.state.reset();
	});

	async function api(file: string, params: Record<string, string>): Promise<string> {
		const url = new URL(`${sandbox.url}/${file}`);
		for (const [k, v] of Object.entries({ api_key: TEST_KEY, ...params }))
			url.searchParams.set(k, v);
		return await (await fetch(url)).text();
	}

	/** Buys an SMS activation (service 198 never receives a code); returns its order id. */
	async function buySms(service = '101', otpDelayMs = sandbox.options.otpDelayMs): Promise<string> {
		sandbox.options.otpDelayMs = otpDelayMs;
		const answer = await api('handler_api.php', {
			action: 'getNumber',
			service,
			country: '61',
			type: '1',
		});
		const m = /^ACCESS_NUMBER:([^:]+):/.exec(answer);
		if (!m) throw new Error(`getNumber: ${answer}`);
		return m[1];
	}

	async function buyCheap(otpDelayMs = sandbox.options.otpDelayMs): Promise<string> {
		sandbox.options.otpDelayMs = otpDelayMs;
		const answer = await api('cheap_handler.php', { action: 'buyNumber', server: '1', type: '1' });
		return answer.split(',')[0];
	}

	async function buyEmail(otpDelayMs = sandbox.options.otpDelayMs): Promise<string> {
		sandbox.options.otpDelayMs = otpDelayMs;
		const answer = JSON.parse(
			await api('email_handler.php', { action: 'buyEmail', service_id: 'ig' }),
		) as IDataObject;
		return String(answer.email_id);
	}

	/** Rents a number whose first SMS arrives `otpDelayMs` after renting; returns its smsOrderId. */
	async function rent(otpDelayMs = sandbox.options.otpDelayMs): Promise<string> {
		sandbox.options.otpDelayMs = otpDelayMs;
		const params = {
			action: 'rentNumber',
			country_code: 'ca',
			provider: '2',
			duration_hours: '720',
		};
		const answer = JSON.parse(await api('rental-handler.php', params)) as IDataObject;
		return String(answer.order_id);
	}

	/** One input item per params object, as if each item's expressions had resolved to it. */
	async function run(
		params: Params | Params[],
		opts: {
			continueOnFail?: boolean;
			signal?: AbortSignal;
			items?: IDataObject[];
			nodeType?: string;
		} = {},
	) {
		const list = Array.isArray(params) ? params : [params];
		const items = list.map((_, i) => ({ json: opts.items?.[i] ?? { i } }));
		const { output } = await runNode(node, {
			params: list,
			items,
			credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url },
			continueOnFail: opts.continueOnFail,
			signal: opts.signal,
			nodeType: opts.nodeType,
		});
		const paired = (list: INodeExecutionData[]) =>
			list.map((item) => (item.pairedItem as { item: number }).item);
		return {
			received: jsonOf(output, 0),
			other: jsonOf(output, 1),
			paired: [paired(output[0]), paired(output[1])],
			output,
		};
	}

	/** API requests for one order, by action. */
	const requestsFor = (id: string, action?: string) =>
		sandbox.requests.filter(
			(r) =>
				(r.query.id ?? r.query.email_id ?? r.query.order_id) === id &&
				(!action || r.action === action),
		);

	const ledger = (orderId: string) =>
		sandbox.state
			.ledger(TEST_KEY)
			.filter((e) => e.orderId === orderId)
			.map((e) => e.kind);

	return {
		node,
		get sandbox() {
			return sandbox;
		},
		api,
		buySms,
		buyCheap,
		buyEmail,
		rent,
		run,
		requestsFor,
		ledger,
	};
}
