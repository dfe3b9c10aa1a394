import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	INode,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
// What n8n's node loader (DirectoryLoader.applySpecialNodeParameters) adds to a polling node: not a public export.
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';

import { OtpGet } from '../nodes/OtpGet/OtpGet.node';
import { OtpGetTrigger } from '../nodes/OtpGetTrigger/OtpGetTrigger.node';
import { OtpGetWaitForOtp } from '../nodes/OtpGetWaitForOtp/OtpGetWaitForOtp.node';

// Every example workflow's parameters, checked the way n8n reads them: n8n keeps only the parameters the node's
// description declares and shows for the node's other values, and drops the rest without a word (a top-level
// maxPrice was once dropped and its cap never applied).

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	name: string;
	n8n: { nodes: string[] };
};

const nodeTypes: Array<INodeType | IVersionedNodeType> = [
	new OtpGet(),
	new OtpGetWaitForOtp(),
	new OtpGetTrigger(),
];

/** The description of one version, as n8n picks it for a node's typeVersion. */
function versionDescription(
	nodeType: INodeType | IVersionedNodeType,
	version: number,
): INodeTypeDescription | undefined {
	if ('nodeVersions' in nodeType) return nodeType.nodeVersions[version]?.description;
	const { version: versions } = nodeType.description;
	return (Array.isArray(versions) ? versions : [versions]).includes(version)
		? nodeType.description
		: undefined;
}

const baseName = (nodeType: INodeType | IVersionedNodeType) => nodeType.description.name;

// The parameters n8n's tool conversion adds to a node used as an AI tool (type "…Tool").
const toolProperties: INodeProperties[] = [
	{
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
		default: 'auto',
	},
	{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
];

/** The description n8n reads a node's parameters with, or why there is none. */
function descriptionOf(type: string, version: number): INodeTypeDescription | string {
	const name = type.slice(pkg.name.length + 1);
	const isTool = name.endsWith('Tool');
	const nodeType = nodeTypes.find(
		(t) => baseName(t) === (isTool ? name.slice(0, -'Tool'.length) : name),
	);
	if (!nodeType) return `unknown node type ${type}`;
	const description = versionDescription(nodeType, version);
	if (!description) return `${type} has no typeVersion ${version}`;
	if (isTool && !description.usableAsTool) return `${type}: ${name} is not usable as a tool`;
	const properties = [
		...(isTool ? toolProperties : []),
		...(description.polling ? commonPollingParameters : []),
		...description.properties,
	];
	return { ...description, properties };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths (a.b[0].c) present in `given` but not in what n8n kept of it. */
function droppedPaths(given: unknown, kept: unknown, path: string): string[] {
	if (Array.isArray(given))
		return given.flatMap((v, i) =>
			droppedPaths(v, Array.isArray(kept) ? kept[i] : undefined, `${path}[${i}]`),
		);
	if (!isObject(given)) return [];
	return Object.entries(given).flatMap(([key, value]) => {
		const at = path ? `${path}.${key}` : key;
		if (!isObject(kept) || !(key in kept)) return [at];
		return droppedPaths(value, kept[key], at);
	});
}

/**
 * What is wrong with one node's parameters: every parameter n8n would drop (unknown, or hidden for the node's
 * resource / operation / provider / …), and top-level choices that are not among the visible options.
 */
function problems(node: Pick<INode, 'type' | 'typeVersion' | 'parameters'>): string[] {
	const description = descriptionOf(node.type, node.typeVersion);
	if (typeof description === 'string') return [description];
	const { properties } = description;
	// With defaults: a parameter set to its default is kept too, so only unknown or hidden ones go missing.
	const kept = NodeHelpers.getNodeParameters(
		properties,
		node.parameters,
		true,
		false,
		node,
		description,
	);
	const out = droppedPaths(node.parameters, kept ?? {}, '').map(
		(p) => `${p} is unknown or hidden here, n8n drops it`,
	);
	// A wrong resource / operation / apiProvider would have every other parameter checked against the wrong
	// description: the choices themselves must exist.
	for (const property of properties) {
		const value = node.parameters[property.name];
		if (property.type !== 'options' || value === undefined || !kept || !(property.name in kept))
			continue;
		if (typeof value === 'string' && value.startsWith('=')) continue;
		if (!NodeHelpers.displayParameter(kept, property, node, description, kept)) continue;
		const values = (property.options ?? []).map((o) => ('value' in o ? o.value : undefined));
		if (!property.typeOptions?.loadOptionsMethod && !values.includes(value as string))
			out.push(`${property.name} = ${JSON.stringify(value)} is not one of ${values.join(', ')}`);
	}
	return out;
}

interface Workflow {
	nodes: Array<{
		name: string;
		type: string;
		typeVersion: number;
		parameters: INodeParameters;
	}>;
}

const examples = readdirSync(join(root, 'examples'))
	.filter((f) => f.endsWith('.json'))
	.sort();
const ours = (type: string) => type.startsWith(`${pkg.name}.`);

describe('example workflows', () => {
	it('are checked against every node the package lists', () => {
		const names = nodeTypes.map(baseName).sort();
		const listed = pkg.n8n.nodes
			.map((p) => p.replace(/^.*\/(\w+)\.node\.js$/, '$1'))
			.map((c) => c[0].toLowerCase() + c.slice(1))
			.sort();
		expect(names).toEqual(listed);
	});

	it.each(examples)('%s: every parameter of our nodes is one n8n keeps', (file) => {
		const workflow = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as Workflow;
		const found = workflow.nodes
			.filter((n) => ours(n.type))
			.flatMap((n) => problems(n).map((p) => `${file} › ${n.name}: ${p}`));
		expect(found).toEqual([]);
	});

	it('has examples using our nodes', () => {
		const used = examples.flatMap((file) =>
			(JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as Workflow).nodes
				.map((n) => n.type)
				.filter(ours),
		);
		expect(used.length).toBeGreaterThan(10);
	});
});

describe('the check itself', () => {
	const getNumber = {
		type: 'n8n-nodes-otpget.otpGet',
		typeVersion: 1,
		parameters: {
			apiProvider: 'sastaotp',
			resource: 'smsActivation',
			operation: 'getNumber',
			country: '91',
			service: 'tg',
		} as INodeParameters,
	};

	it('passes a well-formed node', () => {
		expect(
			problems({
				...getNumber,
				parameters: { ...getNumber.parameters, spendLimits: { maxPrice: 25 } },
			}),
		).toEqual([]);
	});

	it('flags a parameter the description does not have', () => {
		expect(problems({ ...getNumber, parameters: { ...getNumber.parameters, bogus: 1 } })).toEqual([
			'bogus is unknown or hidden here, n8n drops it',
		]);
	});

	it('flags a limit put at the top level instead of in Spend Limits', () => {
		expect(
			problems({ ...getNumber, parameters: { ...getNumber.parameters, maxPrice: 25 } }),
		).toEqual(['maxPrice is unknown or hidden here, n8n drops it']);
	});

	it('flags an unknown option inside a collection', () => {
		expect(
			problems({
				...getNumber,
				parameters: { ...getNumber.parameters, spendLimits: { maxPrize: 25 } },
			}),
		).toEqual(['spendLimits.maxPrize is unknown or hidden here, n8n drops it']);
	});

	it('flags a parameter hidden for this operation', () => {
		const balance = { apiProvider: 'sastaotp', resource: 'account', operation: 'getBalance' };
		expect(problems({ ...getNumber, parameters: { ...balance, service: 'tg' } })).toEqual([
			'service is unknown or hidden here, n8n drops it',
		]);
	});

	it('flags a choice that does not exist', () => {
		expect(
			problems({ ...getNumber, parameters: { ...getNumber.parameters, apiProvider: 'nosuch' } }),
		).toContainEqual(expect.stringMatching(/^apiProvider = "nosuch" is not one of /));
	});

	it('flags an unknown type or version', () => {
		expect(problems({ ...getNumber, type: 'n8n-nodes-otpget.otpGot' })).toEqual([
			'unknown node type n8n-nodes-otpget.otpGot',
		]);
		expect(problems({ ...getNumber, typeVersion: 9 })).toEqual([
			'n8n-nodes-otpget.otpGet has no typeVersion 9',
		]);
	});

	it('checks a tool variant against its node, plus the tool description', () => {
		const tool = { ...getNumber, type: 'n8n-nodes-otpget.otpGetTool' };
		expect(problems({ ...tool, parameters: { ...tool.parameters, toolDescription: 'x' } })).toEqual(
			[],
		);
		expect(problems({ ...tool, parameters: { ...tool.parameters, maxPrice: 25 } })).toEqual([
			'maxPrice is unknown or hidden here, n8n drops it',
		]);
	});
});
