import { toJson } from './money';
import type { Reply, SandboxConfig } from './types';

/**
 * PHP's default Content-Type: handler_api.php and cheap_handler.php echo plain text and JSON
 * (getCountries/getServices/getServers) without a JSON header, so clients must parse the body themselves.
 */
export const PHP_TEXT = 'text/html; charset=UTF-8';
export const JSON_TYPE = 'application/json; charset=UTF-8';

export function text(body: string, status = 200): Reply {
	return { status, body, contentType: PHP_TEXT };
}

/** JSON data answered by the plain-text APIs (same PHP content type). */
export function phpJson(value: unknown): Reply {
	return { status: 200, body: toJson(value), contentType: PHP_TEXT };
}

/** HTTP status a stricter provider would use for a plain-text error (SandboxOptions.httpErrorStatus). */
export function errorHttpStatus(code: string): number {
	switch (code) {
		case 'BAD_KEY':
			return 401;
		case 'ACCOUNT_BLOCKED':
		case 'EARLY_CANCEL_DENIED':
			return 403;
		case 'NO_ACTIVATION':
			return 404;
		case 'NO_BALANCE':
			return 402;
		default:
			return 400;
	}
}

/**
 * An error of handler_api.php / cheap_handler.php: plain text by default, or
 * {"status":"401","message":"BAD_KEY"} under jsonErrors (the docs' "consistent JSON error responses").
 */
export function textError(cfg: SandboxConfig, code: string): Reply {
	const httpStatus = cfg.httpErrorStatus ? errorHttpStatus(code) : 200;
	if (cfg.jsonErrors) {
		return {
			status: httpStatus,
			body: toJson({ status: String(errorHttpStatus(code)), message: code }),
			contentType: JSON_TYPE,
		};
	}
	return text(code, httpStatus);
}

/** A JSON answer of rental-handler.php / email_handler.php; HTTP 200 unless mirrorStatus. */
export function jsonReply(
	mirrorStatus: boolean,
	status: string,
	fields: Record<string, unknown> = {},
): Reply {
	return {
		status: mirrorStatus ? Number(status) : 200,
		body: toJson({ status, ...fields }),
		contentType: JSON_TYPE,
	};
}
