import { codeFrom } from './code';
import {
	jsonWithStatus,
	numberOrNull,
	optionalString,
	recordsOf,
	successJson,
	successList,
	toIsoTime,
} from './jsonAnswer';
import { OTPGET } from './providers/otpget';
import { requestsOf, type ApiRequest } from './request';
import { parseBalance } from './sms';
import { toNumber, toStringValue } from './text';

/** Email is OTPGet's own API: every request names OTPGet. */
const { purchase, read, write } = requestsOf(OTPGET.id);

/** email_handler.php: temporary addresses. JSON; 200 = success, 202 = still waiting, 300 = cancelled. */

/** The domains the docs list ("contact admin for full list": others may work too). */
export const EMAIL_DOMAINS = [
	'gmail.com',
	'mailnestpro.com',
	'hihinail.com',
	'flytempbox.com',
	'mailburstx.com',
] as const;
export const DEFAULT_EMAIL_DOMAIN = 'gmail.com';
export const EMAIL_HISTORY_PAGE_SIZE = 20;

export const emailRequests = {
	getBalance: (): ApiRequest => read('email', 'getBalance'),
	getEmailServices: (domain?: string): ApiRequest =>
		read('email', 'getEmailServices', domain ? { domain } : {}),
	buyEmail: (serviceId: string, domain?: string): ApiRequest =>
		purchase('email', 'buyEmail', { service_id: serviceId, ...(domain ? { domain } : {}) }),
	getEmailCode: (emailId: string): ApiRequest =>
		read('email', 'getEmailCode', { email_id: emailId }),
	cancelEmail: (emailId: string): ApiRequest =>
		write('email', 'cancelEmail', { email_id: emailId }),
	getEmailHistory: (page?: number | string): ApiRequest =>
		read('email', 'getEmailHistory', page === undefined ? {} : { page: String(page) }),
};

const str = toStringValue;
const num = numberOrNull;

/**
 * The docs say getBalance "works on both APIs" without showing the email answer: accept the SMS
 * API's ACCESS_BALANCE:500.00 and a JSON {"status":"200","balance":…}.
 */
export function parseEmailBalance(text: string): number | undefined {
	return parseBalance(text) ?? toNumber(successJson(text)?.balance);
}

export interface EmailService {
	/** service_code: what buyEmail takes as service_id. */
	serviceId: string;
	name: string;
	price: number | null;
	/** Addresses left. */
	stock: number | null;
}

export function parseEmailServices(text: string): EmailService[] | undefined {
	return successList(text, 'services', (s) => ({
		serviceId: str(s.service_code),
		name: str(s.service_name),
		price: num(s.price),
		stock: num(s.count),
	}));
}

export interface BoughtEmail {
	emailId: string;
	email: string;
	service: string;
	domain: string;
	price: number | null;
	balance: number | null;
	message: string;
}

export function parseBuyEmail(text: string): BoughtEmail | undefined {
	const body = successJson(text);
	const emailId = str(body?.email_id).trim();
	const email = str(body?.email).trim();
	if (!body || !emailId || !email) return undefined;
	return {
		emailId,
		email,
		service: str(body.service),
		domain: str(body.domain),
		price: num(body.price),
		balance: num(body.balance),
		message: str(body.message),
	};
}

export interface EmailMessage {
	email: string;
	subject: string;
	body: string;
	code: string | null;
}

export interface EmailCodeStatus {
	status: 'waiting' | 'received' | 'cancelled';
	code: string | null;
	messages: EmailMessage[];
}

/** 202 and 300 are states, not errors. A 200 without messages is still waiting (the docs' loop checks both). */
export function parseEmailCode(text: string): EmailCodeStatus | undefined {
	const answer = jsonWithStatus(text, ['200', '202', '300']);
	if (!answer) return undefined;
	if (answer.status === '202') return { status: 'waiting', code: null, messages: [] };
	if (answer.status === '300') return { status: 'cancelled', code: null, messages: [] };
	const messages = (recordsOf(answer.body, 'messages') ?? []).map((m) => ({
		email: str(m.email),
		subject: str(m.subject),
		body: str(m.body),
		code: codeFrom(m.code, `${str(m.body)}\n${str(m.subject)}`),
	}));
	if (messages.length === 0) return { status: 'waiting', code: null, messages };
	const code = messages.find((m) => m.code !== null)?.code ?? null;
	return { status: 'received', code, messages };
}

export interface CancelledEmail {
	/** completed: the code had arrived, nothing refunded. cancelled: refunded now, or already cancelled before. */
	outcome: 'completed' | 'cancelled';
	code?: string;
	refunded?: number;
	balance?: number;
	message: string;
}

/** Both documented outcomes, plus "already cancelled" (200, or 300) which is safe to repeat. */
export function parseCancelEmail(text: string): CancelledEmail | undefined {
	const answer = jsonWithStatus(text, ['200', '300']);
	if (!answer) return undefined;
	const body = answer.body;
	const message = str(body.message);
	const code = optionalString(body.code);
	const completed = code !== null || (/complete/i.test(message) && !/cancel/i.test(message));
	const cancelled =
		answer.status === '300' || body.refunded !== undefined || /cancel/i.test(message);
	// A bare 200 says neither; reading it as a refund would hide an order still open.
	if (!completed && !cancelled) return undefined;
	const out: CancelledEmail = { outcome: completed ? 'completed' : 'cancelled', message };
	if (code !== null) out.code = code;
	const refunded = toNumber(body.refunded);
	if (refunded !== undefined) out.refunded = refunded;
	const balance = toNumber(body.balance);
	if (balance !== undefined) out.balance = balance;
	return out;
}

export interface EmailHistoryEntry {
	emailId: string;
	email: string;
	serviceId: string;
	serviceName: string;
	domain: string;
	/** active (waiting), received, cancelled. */
	status: string;
	code: string | null;
	price: number | null;
	/** created_at read as UTC (the API gives no zone), ISO-8601. */
	createdAt: string | null;
}

export interface EmailHistoryPage {
	total: number | null;
	page: number | null;
	history: EmailHistoryEntry[];
}

export function parseEmailHistory(text: string): EmailHistoryPage | undefined {
	const body = successJson(text);
	const list = body && recordsOf(body, 'history');
	if (!body || !list) return undefined;
	return {
		total: num(body.total),
		page: num(body.page),
		history: list.map((h) => ({
			emailId: str(h.email_id),
			email: str(h.email_address),
			serviceId: str(h.service_id),
			serviceName: str(h.service_name),
			domain: str(h.domain),
			status: str(h.status),
			code: optionalString(h.code),
			price: num(h.price),
			createdAt: toIsoTime(h.created_at),
		})),
	};
}
