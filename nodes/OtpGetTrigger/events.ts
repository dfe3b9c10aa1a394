import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseBalance, smsRequestsFor } from '../../protocol/sms';
import type { ApiName } from '../../protocol/types';
import { pollDialectOf } from '../shared/provider';
import { apiRequest } from '../shared/transport';
import type { EventContext, PollOutcome } from './context';
import { crossBelow, type BalanceMemory } from './memory';
import { newRentalSms } from './rentalSms';
import { rentalExpiring } from './rentals';

/** Balance Below: once per dip below the threshold; re-armed when the balance is back at or above it. */
export async function balanceBelow({ ctx, manual, memory }: EventContext): Promise<PollOutcome> {
	const threshold = Number(ctx.getNodeParameter('balanceThreshold', 500));
	if (!Number.isFinite(threshold))
		throw new NodeOperationError(ctx.getNode(), '"Balance Threshold" must be a number');
	const d = pollDialectOf(ctx);
	const balance = await apiRequest(ctx, smsRequestsFor(d).getBalance(), parseBalance);
	const { fire, memory: next } = crossBelow(
		memory.balanceBelow as BalanceMemory | undefined,
		balance,
		threshold,
	);
	const item = {
		balance,
		threshold,
		currency: d.currency,
		below: balance < threshold,
		provider: d.id,
	};
	if (!manual) memory.balanceBelow = next as unknown as IDataObject;
	return { items: fire || manual ? [item] : [], nothing: '' };
}

/** The provider API each event reads: a provider offers the events whose API its dialect has. */
export const EVENT_API: Readonly<Record<string, ApiName>> = {
	newRentalSms: 'rental',
	rentalExpiring: 'rental',
	balanceBelow: 'sms',
};

export const EVENTS: Record<string, (e: EventContext) => Promise<PollOutcome>> = {
	newRentalSms,
	rentalExpiring,
	balanceBelow,
};
