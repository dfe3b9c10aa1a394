/**
 * A minimal n8n execution context for tests whose HTTP helpers are n8n's own: a real n8n-core ExecuteContext
 * lends its request helpers (httpRequestWithAuthentication → n8n-core's outbound request stack, over real
 * HTTP), and the credential's real `authenticate` block is applied by a stand-in for n8n's CredentialsHelper —
 * so a node under test sends the same request n8n would. Only n8n-core's and n8n-workflow's public exports.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import { createEmptyRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	ILoadOptionsFunctions,
	IPollFunctions,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { InstaOtpApi } from '../../credentials/InstaOtpApi.credentials';
import { OtpGetApi } from '../../credentials/OtpGetApi.credentials';
import { OtpxApi } from '../../credentials/OtpxApi.credentials';
import { SastaOtpApi } from '../../credentials/SastaOtpApi.credentials';

export interface TestCredentials {
	apiKey: string;
	baseUrl: string;
	timeZone?: string;
	/** SastaOTP: where the key travels (header by default). */
	sendKeyAs?: 'header' | 'query';
}

export interface ContextOptions {
	/** Node parameters; an array gives each input item its own (as expressions would). */
	params: Record<string, unknown> | Array<Record<string, unknown>>;
	items?: INodeExecutionData[];
	credentials?: TestCredentials;
	/** One credential per type (several providers in one node); a type not given has none. */
	credentialsByType?: Record<string, TestCredentials>;
	continueOnFail?: boolean;
	signal?: AbortSignal;
	staticData?: IDataObject;
	mode?: 'manual' | 'trigger';
	nodeTypeVersion?: number;
	/** The node's type, e.g. a tool variant `n8n-nodes-otpget.otpGetWaitForOtpTool`. */
	nodeType?: string;
	/** The node setting Retry On Fail. */
	retryOnFail?: boolean;
	/** The node setting On Error (continueErrorOutput sends failed items to the error output). */
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	/** n8n's execution id (the spend guard counts per execution); a fresh one per context by default. */
	executionId?: string;
	/** When given, getCredentials answers for this credential type only (as n8n, for the one the node shows). */
	credentialType?: string;
	/** When given, missing parameters get the node's declared defaults, as n8n fills them in. */
	description?: INodeTypeDescription;
}

export interface RecordedHttp {
	url: string;
	qs: Record<string, unknown>;
	timeout?: number;
	/** Header names only: values may hold a key. */
	headerNames?: string[];
}

/** Every credential type of the package, by name: `authenticate` is applied from the one a request names. */
const credentialTypes: Record<string, OtpGetApi | OtpxApi | InstaOtpApi | SastaOtpApi> =
	Object.fromEntries(
		[new OtpGetApi(), new OtpxApi(), new InstaOtpApi(), new SastaOtpApi()].map((t) => [t.name, t]),
	);

/** Node types for the throw-away Workflow the helpers need; `extra` is looked up first. */
function mockNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const byName = (name: string): INodeType =>
		extra[name] ??
		({
			description: { name, displayName: name, version: 1, properties: [] },
		} as unknown as INodeType);
	return {
		getByName: byName,
		getByNameAndVersion: (name: string, version?: number) =>
			NodeHelpers.getVersionedNodeType(byName(name), version),
		getKnownTypes: () => ({}),
	};
}

/**
 * Stand-in for n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts): `authenticate` is its generic
 * branch — every key and value of authenticate.properties resolved by the workflow's expression engine with
 * $credentials (resolveValue: getSimpleParameterValue(node, value, 'internal', { $credentials }, undefined, ''))
 * and set on the request. `onAuthenticated` sees each request as it goes out.
 */
function credentialsHelper(onAuthenticated?: (options: IHttpRequestOptions) => void) {
	const resolveValue = (
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	) => {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	};
	return {
		getParentTypes: () => [] as string[],
		// n8n's returns undefined unless the credential has an expirable hidden property; this one has none.
		preAuthentication: async () => undefined,
		authenticate: async (
			credentials: ICredentialDataDecryptedObject,
			typeName: string,
			requestOptions: IHttpRequestOptions,
			workflow: Workflow,
			node: INode,
		): Promise<IHttpRequestOptions> => {
			const credentialType = credentialTypes[typeName];
			if (!credentialType) throw new Error(`Unexpected credential type ${typeName}`);
			// n8n's other branch: a credential's own authenticate function.
			if (typeof credentialType.authenticate === 'function') {
				const out = await credentialType.authenticate(credentials, requestOptions);
				onAuthenticated?.(out);
				return out;
			}
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			target.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries(
				credentialType.authenticate.properties as Record<string, unknown>,
			)) {
				for (const [key, value] of Object.entries((outerValue ?? {}) as Record<string, unknown>)) {
					target[outerKey] ??= {};
					target[outerKey][String(resolveValue(key, credentials, workflow, node))] = resolveValue(
						value,
						credentials,
						workflow,
						node,
					);
				}
			}
			onAuthenticated?.(requestOptions);
			return requestOptions;
		},
	};
}

function additionalData(
	onAuthenticated?: (options: IHttpRequestOptions) => void,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: credentialsHelper(onAuthenticated),
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A real n8n-core ExecuteContext for one node, built the way n8n's CredentialsTester builds its own. */
function executeContext(
	node: INode,
	data: IWorkflowExecuteAdditionalData,
	nodeTypes: INodeTypes,
	signal?: AbortSignal,
) {
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		data,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
		signal,
	);
	return { workflow, context };
}

function lookup(source: Record<string, unknown>, path: string): unknown {
	let value: unknown = source;
	for (const part of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

export function makeNode(
	name = 'OTPGet',
	type = 'n8n-nodes-otpget.otpGet',
	typeVersion = 1,
): INode {
	return { id: 'node-1', name, type, typeVersion, position: [0, 0], parameters: {} };
}

export interface TestContext {
	execute: IExecuteFunctions;
	poll: IPollFunctions;
	loadOptions: ILoadOptionsFunctions;
	http: RecordedHttp[];
}

let executions = 0;

export function createContext(options: ContextOptions): TestContext {
	const items = options.items ?? [{ json: {} }];
	const node = {
		...makeNode(undefined, options.nodeType, options.nodeTypeVersion),
		retryOnFail: options.retryOnFail,
		onError: options.onError,
	};
	const executionId = options.executionId ?? `test-${++executions}`;
	const http: RecordedHttp[] = [];
	const staticData = options.staticData ?? {};
	const given = (itemIndex: number) =>
		Array.isArray(options.params)
			? (options.params[itemIndex] ?? options.params[0])
			: options.params;
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

	// n8n-core's own helpers; each authenticated request is recorded as n8n sends it.
	const { helpers } = executeContext(
		node,
		additionalData((sent) =>
			http.push({
				url: sent.url,
				qs: sent.qs as Record<string, unknown>,
				timeout: sent.timeout,
				headerNames: Object.keys(sent.headers ?? {}),
			}),
		),
		mockNodeTypes(),
		options.signal,
	).context;

	const common = {
		getNode: () => node,
		getCredentials: async (type: string) => {
			if (options.credentialsByType) {
				const found = options.credentialsByType[type];
				if (!found) throw new Error(`Node does not have credentials of type ${type}`);
				return { ...found } as unknown as ICredentialDataDecryptedObject;
			}
			if (!options.credentials) throw new Error('Node does not have any credentials set');
			if (options.credentialType && type !== options.credentialType)
				throw new Error(`Node does not have credentials of type ${type}`);
			return { ...options.credentials } as unknown as ICredentialDataDecryptedObject;
		},
		getWorkflowStaticData: () => staticData,
		getExecutionId: () => executionId,
		getMode: () => options.mode ?? 'manual',
		getExecutionCancelSignal: () => options.signal,
		onExecutionCancellation: () => undefined,
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequestWithAuthentication: helpers.httpRequestWithAuthentication,
			httpRequest: helpers.httpRequest,
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};

	const execute = {
		...common,
		getInputData: () => items,
		getNodeParameter,
		// As n8n: any On Error other than stopWorkflow continues.
		continueOnFail: () =>
			options.continueOnFail ??
			(options.onError !== undefined && options.onError !== 'stopWorkflow'),
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
		'nodeVersions' in nodeType
			? nodeType.getNodeType(options.nodeTypeVersion ?? 1)
			: (nodeType as INodeType);
	const ctx = createContext({
		...options,
		description: options.description ?? concrete.description,
	});
	if (!concrete.execute) throw new Error('Node has no execute method');
	const output = (await concrete.execute.call(ctx.execute)) as INodeExecutionData[][];
	return { output, http: ctx.http };
}

/** lodash.get for dotted keys without brackets (all a rule uses here): property by property while not null. */
function lodashGet(value: unknown, path: string): unknown {
	let current = value;
	for (const key of /^\w*$/.test(path) ? [path] : path.split('.')) {
		if (current === null || current === undefined) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/**
 * n8n's declarative credential test (credentials-tester.service.ts, runRequestTest, n8n 2.40.7) with n8n-core's
 * real RoutingNode and ExecuteContext: a temporary node whose only property routes `test.request`, sent
 * through the credential's `authenticate` over real HTTP. The verdict is the tester's, line for line: an
 * error with a response → first `responseCode` rule with that status, else any non-2xx status fails with
 * the status text; an error with a code (ECONNREFUSED…) → that code; after a 2xx, the first
 * `responseSuccessBody` rule with lodash get(body, key) === value fails; otherwise OK.
 */
export async function runCredentialTest(
	type: ICredentialType,
	credentials: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const test = type.test as ICredentialTestRequest;
	const noOp = {
		description: {
			name: 'n8n-nodes-base.noOp',
			displayName: 'No Operation',
			version: 1,
			properties: [],
		},
	} as unknown as INodeType;
	const nodeTypeCopy = {
		description: {
			...noOp.description,
			credentials: [{ name: type.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: nodeTypeCopy.description.name,
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type.name]: { id: credentials.id, name: credentials.name } },
	};
	const { workflow, context } = executeContext(
		node,
		additionalData(),
		mockNodeTypes({ [node.type]: nodeTypeCopy }),
	);
	const routingNode = new RoutingNode(context, nodeTypeCopy, credentials);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		await workflow.expression.acquireIsolate();
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as {
			message: string;
			cause?: { code?: string; response?: { status: number; statusText?: string } };
		};
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && status === rule.properties.value)
					return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299)
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	} finally {
		await workflow.expression.releaseIsolate();
	}
	for (const rule of test.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			lodashGet(response![0][0].json, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export function jsonOf(output: INodeExecutionData[][], outputIndex = 0): IDataObject[] {
	return (output[outputIndex] ?? []).map((item) => item.json);
}
