import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { messageCode } from '../../protocol/code';
import { ConnectionError, ProviderError, type RequestError } from '../../protocol/errors';
import {
	parseRentalSms,
	rentalRequests,
	type Rental,
	type RentalMessage,
} from '../../protocol/rental';
import { otpGetTimeReader } from '../shared/provider';
import { apiRequest } from '../shared/transport';
import type { EventContext, PollOutcome } from './context';
import { takeNewMessages, wantsFinalRead, type SmsMemory } from './memory';
import { isActive, listRentals, oneRental, RENTAL_SCOPE, rentalFields } from './rentals';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The Code Pattern, checked before any request and before the memory moves on: a typo must not cost SMS. */
function codePattern(ctx: IPollFunctions): string | undefined {
	const pattern = String(ctx.getNodeParameter('options.codePattern', '') ?? '');
	if (pattern === '') return undefined;
	try {
		new RegExp(pattern, 'g');
		return pattern;
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"Code Pattern" is not a valid regular expression: ${(error as Error).message}`,
			{
				description:
					'Fix the Code Pattern option (e.g. (\\d{6})), or clear it to find 4–8 digit codes. No SMS was read or marked as seen.',
			},
		);
	}
}

/** The provider's answer, in words that do not send the user after an ID the provider listed itself. */
function answerOf(error: RequestError): string {
	return error instanceof ConnectionError ? `${error.message} (${error.reason})` : error.message;
}

/** A rental's messages, or the typed failure of reading them (anything else is a bug and fails the poll). */
async function readInbox(
	ctx: IPollFunctions,
	smsOrderId: string,
): Promise<RentalMessage[] | RequestError> {
	try {
		const readTime = await otpGetTimeReader(ctx);
		const messages = await apiRequest(ctx, rentalRequests.getRentalSMS(smsOrderId), parseRentalSms);
		return messages.map((m) => ({ ...m, receivedAt: readTime(m.timestamp) }));
	} catch (error) {
		if (error instanceof ProviderError || error instanceof ConnectionError) return error;
		throw new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error));
	}
}

interface Unread {
	smsOrderId: string;
	error: RequestError;
	active: boolean;
}

/** How long past its expiry a rental's final read is retried when it fails. */
const FINAL_READ_GRACE_MS = 24 * 3_600_000;

function unreadSummary(unread: Unread[], reads: number): string {
	const which = unread.map((u) => `${u.smsOrderId}: ${answerOf(u.error)}`).join('; ');
	return `The SMS of ${unread.length} of ${reads} rentals could not be read (${which}). They are read again at the next poll and nothing is lost`;
}

/**
 * Every listed rental was unreadable. Its ID came from the provider's own list, so the hints meant for a
 * mistyped ID ("use the smsOrderId...") or URL would mislead: the provider is at fault, say so.
 */
function nothingReadable(unread: Unread[]): ProviderError {
	const first = unread[0].error;
	return new ProviderError(
		first.code,
		{
			kind: 'provider',
			retryable: true,
			message: `Could not read the SMS of any of your ${unread.length} rentals: ${answerOf(first)}`,
			hint: 'Nothing is lost: their SMS are delivered at the next poll that can read them. The rental list itself was read, so the API key and base URL are right; if this lasts, check with OTPGet support',
		},
		{ httpStatus: first instanceof ProviderError ? first.httpStatus : undefined },
	);
}

/**
 * New Rental SMS: every message that was not on any watched rental before, oldest first, code extracted.
 * A rental whose inbox cannot be read does not hold back the others: they are emitted, it keeps its memory.
 * Only when no inbox at all can be read does the poll fail.
 */
export async function newRentalSms({
	ctx,
	manual,
	memory,
	now,
}: EventContext): Promise<PollOutcome> {
	const scope = RENTAL_SCOPE(ctx);
	const pattern = codePattern(ctx);
	const one = scope === 'one' ? oneRental(ctx) : undefined;
	let rentals: Rental[] = [];
	let watched: Array<{ smsOrderId: string; active: boolean; expiresMs: number }>;
	if (one !== undefined) {
		watched = [{ smsOrderId: one, active: true, expiresMs: NaN }];
	} else {
		rentals = await listRentals(ctx);
		watched = rentals.map((r) => ({
			smsOrderId: r.smsOrderId,
			active: isActive(r),
			expiresMs: Date.parse(r.expiresAt ?? ''),
		}));
	}
	// The memory is kept per scope: switching from one rental to all must not replay the others' history.
	const key = `newRentalSms:${one ?? 'all'}`;
	const stored = memory[key] as SmsMemory | undefined;
	const inboxes = [];
	const unread: Unread[] = [];
	let reads = 0;
	for (const w of watched) {
		// An expired rental receives nothing more: read once after it expired, then only its floor is kept.
		const finalRead = !w.active && wantsFinalRead(stored, w.smsOrderId);
		const messages = w.active || finalRead ? await readInbox(ctx, w.smsOrderId) : [];
		if (w.active || finalRead) reads++;
		if (!Array.isArray(messages)) {
			// The one rental the user named: its error (and its advice about the ID) is the poll's.
			if (one !== undefined) throw messages;
			// A provider may refuse reads of expired rentals: retried for a day past the expiry, then closed without it.
			if (finalRead && !(now - w.expiresMs <= FINAL_READ_GRACE_MS))
				inboxes.push({ ...w, messages: [] });
			else unread.push({ smsOrderId: w.smsOrderId, error: messages, active: w.active });
			continue;
		}
		inboxes.push({
			...w,
			messages: messages.map((m) => ({ ...m, ms: m.receivedAt ? Date.parse(m.receivedAt) : NaN })),
		});
	}
	// Nothing at all could be read (and an active rental was among them): fail, so the user hears of it.
	if (unread.length > 0 && unread.length === reads && unread.some((u) => u.active))
		throw nothingReadable(unread);
	const { fresh, memory: next } = takeNewMessages(
		stored,
		inboxes,
		now,
		unread.map((u) => u.smsOrderId),
	);
	let chosen = fresh;
	if (manual && chosen.length === 0) {
		const all = inboxes.flatMap((i) => i.messages.map((m) => ({ ...m, smsOrderId: i.smsOrderId })));
		chosen = all.sort((a, b) => (a.ms || 0) - (b.ms || 0)).slice(-1);
	}
	// A partial failure does not fail the poll (that would hold back every other rental's SMS). It is logged for
	// whoever runs n8n, and put on the items the workflow gets, where the user sees it in the execution and can
	// branch on it; an idle poll has no items to carry it and stays silent but for the log: nothing is lost.
	const warning = unread.length > 0 ? unreadSummary(unread, reads) : undefined;
	if (warning) ctx.logger.warn(`OTPGet Trigger: ${warning}`);
	const byOrder = new Map(rentals.map((r) => [r.smsOrderId, r]));
	const items: IDataObject[] = chosen.map((m) => ({
		smsOrderId: m.smsOrderId,
		...rentalFields(byOrder.get(m.smsOrderId)),
		from: m.from,
		text: m.text,
		// The one extractor Wait for OTP uses too: a pattern of the user's wins over the provider's code field.
		code: messageCode(m.code, m.text, pattern),
		receivedAt: m.receivedAt,
		timestamp: m.timestamp,
		...(warning ? { warning } : {}),
	}));
	// Last, once nothing can throw any more: the memory moves on only for what is emitted.
	if (!manual) memory[key] = next as unknown as IDataObject;
	const nothing = warning
		? `No SMS to show: ${lowerFirst(warning)}`
		: 'No SMS on your rented numbers yet: send one to a rented number, then fetch again';
	return { items, nothing };
}
