import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CHEAP_TYPES } from '../../../../../protocol/cheap';
import { requireOneOf } from '../../../../shared/parameters';

export const serverTypeField: INodeProperties = {
	displayName: 'Type',
	name: 'serverType',
	type: 'options',
	options: CHEAP_TYPES.map((t) => ({ name: `Server ${t}`, value: t })),
	default: '1',
	description: 'Group of cheap-number servers (the API\'s "type")',
};

export const serverField: INodeProperties = {
	displayName: 'Server Name or ID',
	name: 'server',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCheapServers', loadOptionsDependsOn: ['serverType'] },
	default: '',
	required: true,
	description:
		'Server that supplies the number. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function readServerType(this: IExecuteFunctions, itemIndex: number): string {
	return requireOneOf.call(this, 'serverType', 'Type', CHEAP_TYPES, itemIndex);
}
