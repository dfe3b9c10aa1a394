import { ConnectionError, ProviderError } from '../errors';
import type { ErrorInfo } from './waitTypes';

/**
 * How a failed check reads for the waiter. Checking again is harmless, so a lost connection, a throttle (429),
 * a 5xx or an unreadable answer is worth another look; a refusal the provider means (BAD_KEY) is not.
 */
export function classifyWaitError(error: unknown): ErrorInfo {
	if (error instanceof ConnectionError) return { code: error.code, transient: true };
	if (error instanceof ProviderError) {
		const unclear =
			error.uncertain ||
			error.code === 'UNEXPECTED_RESPONSE' ||
			/^HTTP_(429|5\d\d)$/.test(error.code);
		return {
			code: error.code,
			transient: error.retryable || unclear,
			gone: error.kind === 'notFound',
		};
	}
	return { transient: false };
}
