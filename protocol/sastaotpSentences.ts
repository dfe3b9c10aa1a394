import { sentencePattern } from './errorShapes';
import type { ErrorTable } from './errors';

/**
 * The opening words of each error's description in sastaotp.txt (../shared/api-docs/sastaotp.txt, "Error
 * Codes"). A JSON error that carries only the sentence is still that code's refusal, not an unknown answer.
 */
export const SASTAOTP_SENTENCES: Readonly<Record<string, string>> = {
	BAD_KEY: 'Invalid or missing API key',
	KEY_INACTIVE: 'API key exists but has been disabled by admin',
	ACCOUNT_BANNED: 'Your account has been suspended',
	NO_BALANCE: 'Your wallet balance is too low to purchase this number',
	NO_NUMBERS: 'No numbers available for the requested service/country combination',
	MAX_PRICE_EXCEEDED: 'The current number price is higher than the maxPrice you specified',
	SERVICE_UNAVAILABLE: 'The requested service is not available for that country',
	NO_ACTIVATION: 'The id (activation_id) was not found, or it belongs to a different account',
	ALREADY_FINISHED: 'The order is already in a terminal state',
	BAD_STATUS: 'The status value sent is not a valid option for setStatus',
	BAD_ACTION: 'The action name is unknown or misspelled',
	MISSING_PARAMS: 'A required parameter is missing from the request',
	ERROR_SQL: 'Internal database error',
	PROVIDER_ERROR: 'The upstream provider (Grizzly/Meow) returned an unexpected response',
	CANCEL_FAILED: 'Cancel could not be recorded',
	RETRY_FAILED: 'Request for the next OTP (status=3) was rejected by the provider',
	SERVER_ERROR: 'Unhandled internal exception',
};

/** The table with its document's sentences, each standing for its code. */
export function withSentences(
	table: ErrorTable,
	sentences: Readonly<Record<string, string>>,
): ErrorTable {
	const list = Object.entries(sentences).flatMap(([code, sentence]) => {
		const entry = table.errors[code];
		return entry ? [{ code, match: sentencePattern(sentence), entry }] : [];
	});
	return { ...table, sentences: [...(table.sentences ?? []), ...list] };
}
