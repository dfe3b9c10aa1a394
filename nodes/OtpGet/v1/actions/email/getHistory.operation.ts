import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	EMAIL_HISTORY_PAGE_SIZE,
	emailRequests,
	parseEmailHistory,
	type EmailHistoryEntry,
} from '../../../../../protocol/email';
import { otpGetTimeReader } from '../../../../shared/provider';
import { apiRequest } from '../../../../shared/transport';
import { requireInteger } from '../../../../shared/parameters';
import { showFor } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Page',
		name: 'page',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		displayOptions: { show: { returnAll: [false] } },
		description: `Page of the history, newest first, ${EMAIL_HISTORY_PAGE_SIZE} purchases a page`,
	},
];

export const description = showFor('email', 'getHistory', properties);

/** A provider that ignored `page` would send page 1 forever; never walk further than this. */
const MAX_PAGES = 500;

async function fetchPage(this: IExecuteFunctions, page: number, itemIndex: number) {
	return await apiRequest(this, emailRequests.getEmailHistory(page), parseEmailHistory, itemIndex);
}

/**
 * One item per purchase. Return All walks the pages until a short, empty or already-seen page, or the
 * total. Ids seen before are skipped: a purchase made meanwhile shifts the newest-first pages by one.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const readTime = await otpGetTimeReader(this, itemIndex);
	// The parser read created_at (zone-less) as UTC wall time: its first 19 characters are that wall time again.
	const zoned = (h: EmailHistoryEntry): IDataObject => ({
		...h,
		createdAt: h.createdAt ? readTime(h.createdAt.slice(0, 19)) : h.createdAt,
	});
	if (!returnAll) {
		const page = requireInteger.call(this, 'page', 'Page', 1, itemIndex);
		return (await fetchPage.call(this, page, itemIndex)).history.map(zoned);
	}
	const all: EmailHistoryEntry[] = [];
	const seen = new Set<string>();
	for (let page = 1; page <= MAX_PAGES; page++) {
		const { history, total } = await fetchPage.call(this, page, itemIndex);
		const fresh = history.filter((h) => !seen.has(h.emailId));
		if (fresh.length === 0) break;
		for (const h of fresh) seen.add(h.emailId);
		all.push(...fresh);
		if (history.length < EMAIL_HISTORY_PAGE_SIZE || (total !== null && all.length >= total)) break;
	}
	return all.map(zoned);
}
