import { classifyError } from './classify';
import { OTPGET, OTPGET_ERRORS } from './providers/otpget';
import { requestsOf, type ApiRequest } from './request';
import { parseCountries } from './sms';

/** Cheap is OTPGet's own API: every request names OTPGet. */
const { purchase, read, write } = requestsOf(OTPGET.id);

/**
 * cheap_handler.php: plain text like handler_api.php (getServers is JSON); numbers live 15 minutes.
 * getBalance, getStatus and setStatus answer like handler_api.php: read them with parseBalance,
 * parseStatus and parseSetStatus from ./sms.
 */

export const CHEAP_TYPES = ['1', '2'] as const;

/** The cheap doc says "finish (status=3)" in its endpoint table and "3 or 6" in its status table: 3 fits both. */
export const CHEAP_STATUS = { complete: '3', cancel: '8' } as const;

export const cheapRequests = {
	getBalance: (): ApiRequest => read('cheap', 'getBalance'),
	getServers: (type: string): ApiRequest => read('cheap', 'getServers', { type }),
	buyNumber: (server: string, type: string): ApiRequest =>
		purchase('cheap', 'buyNumber', { server, type }),
	getStatus: (id: string): ApiRequest => read('cheap', 'getStatus', { id }),
	setStatus: (id: string, action: 'complete' | 'cancel'): ApiRequest =>
		write('cheap', 'setStatus', { id, status: CHEAP_STATUS[action] }),
};

export interface CheapServer {
	id: string;
	name: string;
	/** '1' = Server 1, '2' = Server 2. */
	type: string;
}

/** `{"1":[{"id":"1","name":"Pakistan Server 1"}],"2":[…]}`: the same map shape as the SMS getCountries. */
export function parseCheapServers(text: string): CheapServer[] | undefined {
	return parseCountries(text)?.map((s) => ({ id: s.id, name: s.name, type: s.providerType }));
}

export interface CheapNumber {
	orderId: string;
	phone: string;
	expiresInSeconds: number;
}

const CHEAP_NUMBER = /^([A-Za-z0-9_.-]+),\s*(\+?\d{5,16}),\s*(\d+)$/;

/**
 * `ORDER_ID_12345,+923001234567,900`. Anything else (NO_BALANCE, BAD_KEY, a provider error whose payload
 * happens to contain commas) is not a number: it goes to decode()'s error path instead of being split.
 */
export function parseCheapNumber(text: string): CheapNumber | undefined {
	// The Cheap API is OTPGet's own: its table says what is an error.
	if (classifyError(text, undefined, OTPGET_ERRORS)) return undefined;
	const m = CHEAP_NUMBER.exec(text.trim());
	if (!m) return undefined;
	return { orderId: m[1], phone: m[2], expiresInSeconds: Number(m[3]) };
}
