/**
 * A minimal n8n execution context for tests whose HTTP helpers are n8n's own (n8n-core's outbound
 * request stack), applying the credential's real `authenticate` block — so a node under test sends the
 * same request n8n would, over real HTTP.
 */
import 'reflect-metadata';
import { Container } from '@n8n/di';
import { OutboundHttp } from '@n8n/backend-network';
import { proxyRequestToAxios } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helpers/legacy-request-adapter';
import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	ILoadOptionsFunctions,
	IPollFunctions,
	IRequestOptions,
	IVersionedNodeType,
} from 'n8n-workflow';

import { OtpGetApi } from '../../credentials/OtpGetApi.credentials';

export interface TestCredentials {
	apiKey: string;
	baseUrl: string;
}

export interface ContextOptions {
	/** Node parameters; an array gives each input item its own (as expressions would). */
	params: Record<string, unknown> | Array<Record<string, unknown>>;
	items?: INodeExecutionData[];
	credentials?: TestCredentials;
	continueOnFail?: boolean;
	signal?: AbortSignal;
	staticData?: IDataObject;
	mode?: 'manual' | 'trigger';
	nodeTypeVersion?: number;
	/** When given, missing parameters get the node's declared defaults, as n8n fills them in. */
	description?: INodeTypeDescription;
}

export interface RecordedHttp {
	url: string;
	qs: Record<string, unknown>;
	timeout?: number;
}

const credentialType = new OtpGetApi();

/** Resolves the credential's `={{$credentials.x}}` templates the way n8n's expression engine would. */
function applyAuthenticate(options: IHttpRequestOptions, credentials: ICredentialDataDecryptedObject): IHttpRequestOptions {
	const auth = credentialType.authenticate;
	const resolve = (template: unknown) =>
		String(template).replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_m, key: string) =>
			String(credentials[key] ?? ''),
		);
	const qs = { ...(options.qs ?? {}) } as IDataObject;
	for (const [key, template] of Object.entries(auth.properties.qs ?? {})) qs[key] = resolve(template);
	return { ...options, qs };
}

function lookup(source: Record<string, unknown>, path: string): unknown {
	let value: unknown = source;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

export function makeNode(name = 'OTPGet', type = 'n8n-nodes-otpget.otpGet', typeVersion = 1): INode {
	return { id: 'node-1', name, type, typeVersion, position: [0, 0], parameters: {} };
}

export interface TestContext {
	execute: IExecuteFunctions;
	poll: IPollFunctions;
	loadOptions: ILoadOptionsFunctions;
	http: RecordedHttp[];
}

export function createContext(options: ContextOptions): TestContext {
	const items = options.items ?? [{ json: {} }];
	const node = makeNode(undefined, undefined, options.nodeTypeVersion);
	const http: RecordedHttp[] = [];
	const staticData = options.staticData ?? {};
	const given = (itemIndex: number) =>
		Array.isArray(options.params) ? (options.params[itemIndex] ?? options.params[0]) : options.params;
	const resolved = new Map<number, Record<string, unknown>>();
	const paramsFor = (itemIndex: number): Record<string, unknown> => {
		if (!options.description) return given(itemIndex);
		const cached = resolved.get(itemIndex);
		if (cached) return cached;
		const withDefaults = NodeHelpers.getNodeParameters(
			options.description.properties,
			given(itemIndex) as INodeParameters,
			true,
			false,
			{ typeVersion: options.nodeTypeVersion ?? 1 },
			options.description,
		) as Record<string, unknown>;
		// Defaults like ={{ $json.orderId }} read the item, as n8n's expression engine would.
		const json = (items[itemIndex] ?? items[0]).json;
		for (const [key, value] of Object.entries(withDefaults)) {
			const m = typeof value === 'string' ? /^=\{\{\s*\$json\.([\w.]+)\s*\}\}$/.exec(value) : null;
			if (m) withDefaults[key] = lookup(json, m[1]);
		}
		resolved.set(itemIndex, withDefaults);
		return withDefaults;
	};

	const getNodeParameter = (name: string, itemIndex: number, fallback?: unknown) => {
		const value = lookup(paramsFor(itemIndex) ?? {}, name);
		if (value !== undefined) return value;
		if (fallback !== undefined) return fallback;
		throw new Error(`Could not get parameter "${name}"`);
	};

	const httpRequestWithAuthentication = async (type: string, requestOptions: IHttpRequestOptions) => {
		if (type !== credentialType.name) throw new Error(`Unexpected credential type ${type}`);
		if (!options.credentials) throw new Error('Node does not have any credentials set');
		const authenticated = applyAuthenticate(requestOptions, options.credentials as unknown as ICredentialDataDecryptedObject);
		http.push({ url: authenticated.url, qs: authenticated.qs as Record<string, unknown>, timeout: authenticated.timeout });
		return await Container.get(OutboundHttp).requests().request(authenticated);
	};

	const common = {
		getNode: () => node,
		getCredentials: async () => {
			if (!options.credentials) throw new Error('Node does not have any credentials set');
			return { ...options.credentials } as unknown as ICredentialDataDecryptedObject;
		},
		getWorkflowStaticData: () => staticData,
		getMode: () => options.mode ?? 'manual',
		getExecutionCancelSignal: () => options.signal,
		onExecutionCancellation: () => undefined,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequestWithAuthentication,
			httpRequest: async (requestOptions: IHttpRequestOptions) =>
				await Container.get(OutboundHttp).requests().request(requestOptions),
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};

	const execute = {
		...common,
		getInputData: () => items,
		getNodeParameter,
		continueOnFail: () => options.continueOnFail ?? false,
	} as unknown as IExecuteFunctions;

	// Poll functions read parameters without an item index.
	const poll = {
		...common,
		getNodeParameter: (name: string, fallback?: unknown) => getNodeParameter(name, 0, fallback),
	} as unknown as IPollFunctions;

	// Dropdowns read the parameters currently set in the editor.
	const loadOptions = {
		...common,
		getCurrentNodeParameter: (name: string) => lookup(paramsFor(0) ?? {}, name),
		getNodeParameter: (name: string, fallback?: unknown) => getNodeParameter(name, 0, fallback),
	} as unknown as ILoadOptionsFunctions;

	return { execute, poll, loadOptions, http };
}

/** Runs a node's execute (resolving a versioned node to the requested version) with a test context. */
export async function runNode(
	nodeType: INodeType | IVersionedNodeType,
	options: ContextOptions,
): Promise<{ output: INodeExecutionData[][]; http: RecordedHttp[] }> {
	const concrete =
		'nodeVersions' in nodeType ? nodeType.getNodeType(options.nodeTypeVersion ?? 1) : (nodeType as INodeType);
	const ctx = createContext({ ...options, description: options.description ?? concrete.description });
	if (!concrete.execute) throw new Error('Node has no execute method');
	const output = (await concrete.execute.call(ctx.execute)) as INodeExecutionData[][];
	return { output, http: ctx.http };
}

/** The credential-test context n8n gives `methods.credentialTest`: only the legacy `request` helper. */
export function credentialTestContext(): ICredentialTestFunctions {
	return {
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			request: async (uriOrObject: string | object, opts?: object) =>
				await proxyRequestToAxios(undefined, undefined, undefined, uriOrObject as IRequestOptions, opts as IRequestOptions),
		},
	} as unknown as ICredentialTestFunctions;
}

export function jsonOf(output: INodeExecutionData[][], outputIndex = 0): IDataObject[] {
	return (output[outputIndex] ?? []).map((item) => item.json);
}
