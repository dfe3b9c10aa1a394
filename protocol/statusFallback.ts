import type { Dialect, StatusIntent } from './providers';
import { ProviderError } from './errors';

/** The answers that refuse the status value itself, before anything about the order changed. */
const VALUE_REFUSALS = new Set(['INVALID_STATUS', 'BAD_STATUS']);

const isNumber = (value: string) => /^-?\d+$/.test(value);

/**
 * The value of the other form (word or number) the dialect accepts for `intent`, if any. InstaOTP's document
 * (../shared/api-docs/instaotp.txt) has no Set Status section: its INVALID_STATUS names the words cancel /
 * finish, its answer table the SMS-Activate family's answers to the numbers 8 / 6. A server may take either.
 */
export function otherForm(d: Dialect, intent: StatusIntent): string | undefined {
	const sent = d.status[intent];
	if (sent === undefined) return undefined;
	return (d.statusValues[intent] ?? []).find((v) => isNumber(v) !== isNumber(sent));
}

/**
 * Whether BAD_STATUS to a cancel speaks of the order (its code is in): only where the one value sent is the
 * document's own valid value (OTPGet: "Status value not 3, 6 or 8"). Where two forms are tried, it is the value.
 */
export function badStatusMeansCodeIn(d: Dialect): boolean {
	return otherForm(d, 'cancel') === undefined;
}

const isValueRefusal = (error: unknown): error is ProviderError =>
	error instanceof ProviderError && VALUE_REFUSALS.has(error.code);

/** Both forms refused: said as such (never "the code arrived"), with what was tried. */
function bothRefused(d: Dialect, intent: StatusIntent, other: string, error: ProviderError) {
	const tried = `${d.status[intent]}, then ${other}`;
	return new ProviderError(
		error.code,
		{
			kind: 'state',
			retryable: false,
			message: `${d.name} refused the status in both forms (${tried}): the order does not take it now`,
			hint: `Check the order with Get Status; ${intent === 'cancel' ? 'a code may have arrived, or the order is already closed' : 'the code may not have arrived yet'}`,
		},
		{ detail: error.detail, httpStatus: error.httpStatus },
	);
}

/**
 * Sends a setStatus in the dialect's form, then once in the other form when the first was refused as a value
 * (INVALID_STATUS / BAD_STATUS: nothing changed, so the retry is safe).
 */
export async function sendStatus<T>(
	d: Dialect,
	intent: StatusIntent,
	send: (value?: string) => Promise<T>,
): Promise<T> {
	const other = otherForm(d, intent);
	const attempt = async (value?: string) =>
		await send(value).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
	const first = await attempt();
	if ('answer' in first) return first.answer;
	if (!other || !isValueRefusal(first.error)) throw first.error;
	const second = await attempt(other);
	if ('answer' in second) return second.answer;
	throw isValueRefusal(second.error) ? bothRefused(d, intent, other, second.error) : second.error;
}
