import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ArrivalBook, MAX_STORED_KEYS, type ArrivalModel } from '../../protocol/poll/arrivals';
import { OrderSchedule, SCHEDULE_MODES, type ScheduleMode } from '../../protocol/poll/schedule';
import type { SourceName } from '../../protocol/poll/sources';
import { itemDialect } from './itemProvider';

/**
 * Every run in this process learns into one book: arrivals are the provider's and the service's, not the
 * credential's or the workflow's. Bounded in keys and samples (see ArrivalBook).
 */
const book = new ArrivalBook();

/** Where the workflow's static data keeps the samples (saved by n8n after production executions only). */
const STATIC_KEY = 'arrivals';

const text = (value: unknown) =>
	value === undefined || value === null ? '' : String(value).trim().toLowerCase();

/** The Schedule option of an item. */
function modeOf(ctx: IExecuteFunctions, itemIndex: number): ScheduleMode {
	const options = (ctx.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const value = options.pollSchedule;
	if (value === undefined || value === null || value === '') return 'learned';
	if ((SCHEDULE_MODES as readonly unknown[]).includes(value)) return value as ScheduleMode;
	throw new NodeOperationError(
		ctx.getNode(),
		`"Poll Schedule" must be one of ${SCHEDULE_MODES.join(', ')} (got "${String(value)}")`,
		{ itemIndex },
	);
}

/** The workflow's static data for this node, or undefined where the context has none (tools, some tests). */
function staticData(ctx: IExecuteFunctions): IDataObject | undefined {
	try {
		return ctx.getWorkflowStaticData('node');
	} catch {
		return undefined;
	}
}

/**
 * The run's view of the learned arrivals: a schedule per item, from its provider + source + service + country
 * (Get Number's output fields) and its purchase time (boughtAt), and, when the run ends, the run's outcomes
 * committed and written to the workflow's static data.
 */
export function learning(ctx: IExecuteFunctions) {
	const stored = staticData(ctx);
	book.merge(stored?.[STATIC_KEY]);
	const used = new Set<string>();
	return {
		forItem(
			itemIndex: number,
			source: SourceName,
			intervalMs: number,
			startedAt: number,
		): { schedule: OrderSchedule; arrivals?: ArrivalModel } {
			const mode = modeOf(ctx, itemIndex);
			const json = ctx.getInputData()[itemIndex]?.json ?? {};
			const bought = Date.parse(String(json.boughtAt ?? ''));
			// A purchase time in the future (clock skew) or none: the wait's start is the origin.
			const origin = Number.isFinite(bought) && bought <= startedAt ? bought : startedAt;
			const key = [
				// The order's own provider (a mixed batch learns each provider apart).
				itemDialect(ctx, itemIndex).id,
				source,
				text(json.service),
				text(json.country),
			].join('|');
			used.add(key);
			const arrivals = book.model(key);
			return { schedule: new OrderSchedule(mode, intervalMs, origin, arrivals), arrivals };
		},
		/** The run ended: its outcomes shape the next runs, here and (production executions) after a restart. */
		commit(): void {
			book.commit();
			if (!stored || used.size === 0) return;
			const all = book.toJSON();
			const mine = Object.fromEntries(Object.entries(all).filter(([key]) => used.has(key)));
			// Keys of other runs stay, the ones learned now last, up to the stored bound (oldest dropped).
			const previous = { ...((stored[STATIC_KEY] ?? {}) as IDataObject) };
			for (const key of Object.keys(mine)) delete previous[key];
			const entries = Object.entries({ ...previous, ...mine });
			stored[STATIC_KEY] = Object.fromEntries(entries.slice(-MAX_STORED_KEYS));
		},
	};
}
