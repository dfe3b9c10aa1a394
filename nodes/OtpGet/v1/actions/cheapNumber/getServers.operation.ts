import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cheapRequests, parseCheapServers } from '../../../../../protocol/cheap';
import { apiRequest } from '../../../../shared/transport';
import { readServerType, serverTypeField } from './fields';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [serverTypeField];

export const description = showFor('cheapNumber', 'getServers', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const type = readServerType.call(this, itemIndex);
	const servers = await apiRequest(
		this,
		cheapRequests.getServers(type),
		parseCheapServers,
		itemIndex,
	);
	// The answer is keyed by type and may hold both; the user asked for one.
	return servers.filter((s) => s.type === '' || s.type === type).map((s) => ({ ...s, type }));
}
