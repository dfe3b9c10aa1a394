/** Reading an answer as one of the provider's errors: its code, its HTTP-like status, or its sentence. */
import { jsonErrorParts, lookupSentence } from './errorShapes';
import { ProviderError, type ErrorEntry, type ErrorKind, type ErrorTable } from './errors';
import { excerpt, isRecord, parseJsonLenient, splitFirst, toStringValue } from './text';

const e = (kind: ErrorKind, retryable: boolean, message: string, hint: string): ErrorEntry => ({
	kind,
	retryable,
	message,
	hint,
});

/** Codes like ERROR_PROVIDER_1..5 share one entry; NO_BALANCE_FOR_NEW_PRICE:X and BANNED:date carry a payload. */
function lookupCode(
	code: string,
	table: ErrorTable,
): { key: string; entry: ErrorEntry; uncertain?: boolean } | undefined {
	const upper = code.toUpperCase();
	if (!/^[A-Z0-9_]+$/.test(upper)) return undefined;
	// Own-property lookups only: a body reading "constructor" or "__proto__" is no error code.
	if (Object.prototype.hasOwnProperty.call(table.errors, upper))
		return { key: upper, entry: table.errors[upper] };
	if (/^ERROR_PROVIDER_\d+$/.test(upper)) {
		const entry = table.errors.ERROR_PROVIDER ?? table.errors.PROVIDER_ERROR;
		if (entry) return { key: upper, entry };
	}
	if (
		table.errorPrefixes?.some((prefix) => upper.startsWith(prefix) && upper.length > prefix.length)
	) {
		const who = table.name ?? 'The provider';
		const entry = e(
			'unexpected',
			false,
			`${who} answered ${upper}, an error its documentation does not explain`,
			`Look up ${upper} with ${who} support; if this was a purchase, check your orders and balance before running again`,
		);
		return { key: upper, entry, uncertain: true };
	}
	return undefined;
}

function entryForStatus(status: string, table: ErrorTable): ErrorEntry | undefined {
	if (Object.prototype.hasOwnProperty.call(table.httpErrors, status))
		return table.httpErrors[status];
	const n = Number(status);
	if (n >= 500) return table.httpErrors['500'];
	if (n >= 400) return table.httpErrors['400'];
	return undefined;
}

const SUCCESS_JSON_STATUS = new Set(['200', '202', '300', 'ok', 'success']);

/**
 * Recognises an error answer in any of the forms providers use: a plain code (`NO_BALANCE`), a code with a
 * payload (`NO_BALANCE_FOR_NEW_PRICE:55.00`), JSON `{"status":"401","message":"BAD_KEY"}` / a sentence, or
 * (SastaOTP's format=json, whose error form is undocumented) `{"status":"NO_BALANCE"}`.
 * Returns undefined for anything that is not a known error form. `table` is the provider's (dialect.errorTable).
 */
export function classifyError(
	text: string,
	httpStatus: number | undefined,
	table: ErrorTable,
): ProviderError | undefined {
	const json = parseJsonLenient(text);
	if (isRecord(json)) {
		const rawStatus = toStringValue(json.status).trim();
		const status = rawStatus.toLowerCase();
		const parts = jsonErrorParts(json, status === '');
		if ((status === '' || SUCCESS_JSON_STATUS.has(status)) && !parts.flagged) return undefined;
		const message = parts.message;
		const [head, detail] = splitFirst(message);
		const known =
			lookupCode(head.trim(), table) ??
			parts.codes.map((c) => lookupCode(c, table)).find(Boolean) ??
			(message === '' ? lookupCode(rawStatus, table) : undefined);
		const numeric = Number(status);
		const jsonStatus = Number.isFinite(numeric) && numeric > 0 ? numeric : undefined;
		if (known) {
			return new ProviderError(known.key, known.entry, {
				detail: detail?.trim() || undefined,
				httpStatus: jsonStatus ?? httpStatus,
				uncertain: known.uncertain,
			});
		}
		const sentence = lookupSentence(message, table.sentences);
		if (sentence) {
			const shown = sentence.detail
				? `${sentence.entry.message}: ${sentence.detail}`
				: sentence.entry.message;
			const code = sentence.code ?? `HTTP_${jsonStatus ?? httpStatus}`;
			return new ProviderError(code, sentence.entry, {
				uncertain: sentence.uncertain,
				httpStatus: jsonStatus ?? httpStatus,
				message: shown,
			});
		}
		const entry = entryForStatus(status, table) ?? entryForStatus(String(httpStatus ?? ''), table);
		if (!entry) return undefined;
		// The provider's sentence is more precise than our generic status text; keep both.
		const text2 = message ? `${entry.message}: ${excerpt(message)}` : entry.message;
		const code = entryForStatus(status, table) ? jsonStatus : httpStatus;
		return new ProviderError(`HTTP_${code}`, entry, {
			httpStatus: code,
			message: text2,
			uncertain: (code ?? 0) >= 500,
		});
	}
	const [head, detail] = splitFirst(text);
	const known = lookupCode(head.trim(), table);
	if (known) {
		return new ProviderError(known.key, known.entry, {
			detail: detail?.trim() || undefined,
			httpStatus,
			uncertain: known.uncertain,
		});
	}
	return undefined;
}

export const UNEXPECTED: ErrorEntry = e(
	'unexpected',
	false,
	'Unexpected answer from the provider',
	'Check the base URL in the credential; if it is right, the provider may have changed its API',
);

/** A 5xx whose body says nothing known: whose server it is, the caller's table does not matter. */
const SERVER_ERROR: ErrorEntry = e(
	'server',
	true,
	'Provider server error',
	'Retry in a few seconds',
);

/** Body that is neither a known success nor a known error: never a silent success. */
export function unexpectedResponse(text: string, httpStatus?: number): ProviderError {
	if (httpStatus !== undefined && httpStatus >= 500) {
		return new ProviderError(`HTTP_${httpStatus}`, SERVER_ERROR, {
			httpStatus,
			message: `Provider server error (HTTP ${httpStatus})${text ? `: "${excerpt(text)}"` : ''}`,
			detail: text || undefined,
			uncertain: true,
		});
	}
	const shown = text === '' ? 'an empty body' : `"${excerpt(text)}"`;
	return new ProviderError('UNEXPECTED_RESPONSE', UNEXPECTED, {
		httpStatus,
		message: `Unexpected answer from the provider${httpStatus && httpStatus !== 200 ? ` (HTTP ${httpStatus})` : ''}: ${shown}`,
		detail: text,
		uncertain: true,
	});
}
