/**
 * Node tests of the Cheap Number, Rental and Email resources: one in-process sandbox per test file
 * (port 0), reset before each test, and the node run through test/helpers/context over real HTTP.
 */
import type {
	IDataObject,
	INodePropertyOptions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { OtpGet } from '../../nodes/OtpGet/OtpGet.node';
import type { OtpGetV1 } from '../../nodes/OtpGet/v1/OtpGetV1';
import { startSandbox, TEST_KEY, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { createContext, jsonOf, runNode } from '../helpers/context';

const otpGetV1 = () => new OtpGet().nodeVersions[1] as OtpGetV1;

export type Params = Record<string, unknown>;

export interface RunOptions {
	apiKey?: string;
	continueOnFail?: boolean;
}

export function nodeHarness(resource: string, options: SandboxOptions = {}) {
	const node = new OtpGet();
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.state.reset());

	const credentials = (apiKey = TEST_KEY) => ({ apiKey, baseUrl: sandbox.url });

	/** One input item per params object, as if each item's expressions had resolved to it. */
	async function run(params: Params | Params[], opts: RunOptions = {}) {
		const list = (Array.isArray(params) ? params : [params]).map((p) => ({ resource, ...p }));
		const items = list.map((_, i) => ({ json: { i } }));
		const { output } = await runNode(node, {
			params: list,
			items,
			credentials: credentials(opts.apiKey),
			continueOnFail: opts.continueOnFail,
		});
		return {
			json: jsonOf(output),
			paired: output[0].map((item) => (item.pairedItem as { item: number }).item),
		};
	}

	/** Runs what must fail, and returns the error n8n would show. */
	async function failure(
		params: Params,
		opts: RunOptions = {},
	): Promise<NodeApiError | NodeOperationError> {
		try {
			await run(params, opts);
		} catch (error) {
			return error as NodeApiError;
		}
		throw new Error(`expected ${JSON.stringify(params)} to fail`);
	}

	/** A loadOptions method with the form showing `params`. */
	async function loadOptions(
		method: keyof OtpGetV1['methods']['loadOptions'],
		params: Params,
	): Promise<INodePropertyOptions[]> {
		const { loadOptions: ctx } = createContext({
			params: { resource, ...params },
			credentials: credentials(),
		});
		return await otpGetV1().methods.loadOptions[method].call(ctx);
	}

	/** What reached the sandbox: path plus every query parameter. */
	// Get Number reads the service's listed price first (its cost in the output, Max Price): left out here,
	// tested on its own in spendGuard.test.ts.
	const sent = (withPriceReads = false) =>
		sandbox.requests
			.filter(
				(r, i, all) =>
					withPriceReads || !(r.action === 'getServices' && all[i + 1]?.action === 'getNumber'),
			)
			.map((r) => ({ path: r.path, ...r.query }) as IDataObject);

	return {
		get sandbox() {
			return sandbox;
		},
		run,
		failure,
		loadOptions,
		sent,
	};
}

/** The node's description of one parameter of an operation (to check defaults users rely on). */
export function parameter(resource: string, operation: string, name: string) {
	return otpGetV1().description.properties.find(
		(p) =>
			p.name === name &&
			p.displayOptions?.show?.resource?.includes(resource) &&
			p.displayOptions?.show?.operation?.includes(operation),
	);
}
