import type { ApiName } from './request';
import type { ErrorEntry } from './errors';

/**
 * What differs between SMS-Activate-compatible providers, as data: the request builders and parsers read
 * these fields instead of branching on the provider's name.
 */
export interface Dialect {
	id: string;
	name: string;
	defaultBaseUrl: string;
	currency: string;
	endpoints: Partial<Record<ApiName, string>>;
	/** Query parameter that selects the upstream provider/server on getNumber and getCountries. */
	providerParam?: string;
	/** setStatus values. */
	status: { complete: string; cancel: string; requestAnotherSms?: string };
	/** Answers to setStatus that mean each outcome. */
	setStatusAnswers: { completed: string[]; cancelled: string[]; retry: string[] };
	/** Minimum age of an order before the provider accepts a cancel, in ms (0 = none documented). */
	earlyCancelMs: number;
	/** Provider-specific error codes beyond the common table. */
	extraErrors?: Record<string, ErrorEntry>;
}

export const OTPGET: Dialect = {
	id: 'otpget',
	name: 'OTPGet',
	defaultBaseUrl: 'https://www.otpget.com/stubs',
	currency: 'PKR',
	endpoints: {
		sms: 'handler_api.php',
		cheap: 'cheap_handler.php',
		rental: 'rental-handler.php',
		email: 'email_handler.php',
	},
	providerParam: 'type',
	status: { complete: '6', cancel: '8' },
	// The docs show ACCESS_READY ("Balance refunded") for status 8; SMS-Activate itself says ACCESS_CANCEL.
	setStatusAnswers: { completed: ['ACCESS_FINISH', 'ACCESS_ACTIVATION'], cancelled: ['ACCESS_READY', 'ACCESS_CANCEL'], retry: ['ACCESS_RETRY_GET'] },
	earlyCancelMs: 120_000,
};

export const OTPX: Dialect = {
	id: 'otpx',
	name: 'OTPX',
	defaultBaseUrl: 'https://otpx.in/api/stubs',
	currency: 'INR',
	endpoints: { sms: 'handler_api.php' },
	providerParam: 'operator',
	// OTPX documents status 3 as "request new SMS", so completing is not a setStatus there.
	status: { complete: '6', cancel: '8', requestAnotherSms: '3' },
	setStatusAnswers: { completed: ['ACCESS_FINISH', 'ACCESS_ACTIVATION'], cancelled: ['ACCESS_CANCEL', 'ACCESS_READY'], retry: ['ACCESS_RETRY_GET'] },
	earlyCancelMs: 0,
};

export const INSTAOTP: Dialect = {
	id: 'instaotp',
	name: 'InstaOTP',
	defaultBaseUrl: 'https://instaotp.in/api/v1',
	currency: 'INR',
	endpoints: { sms: 'handler_api.php' },
	providerParam: 'server',
	status: { complete: '6', cancel: '8' },
	setStatusAnswers: { completed: ['ACCESS_ACTIVATION', 'ACCESS_FINISH'], cancelled: ['ACCESS_CANCEL'], retry: ['ACCESS_RETRY_GET'] },
	earlyCancelMs: 120_000,
};

export const SASTAOTP: Dialect = {
	id: 'sastaotp',
	name: 'SastaOTP',
	defaultBaseUrl: 'https://sastaotp.com/stubs',
	currency: 'INR',
	endpoints: { sms: 'handler_api.php' },
	status: { complete: '6', cancel: '8', requestAnotherSms: '3' },
	setStatusAnswers: { completed: ['ACCESS_ACTIVATION', 'ACCESS_FINISH'], cancelled: ['ACCESS_CANCEL'], retry: ['ACCESS_RETRY_GET'] },
	earlyCancelMs: 0,
};

export const DIALECTS: Record<string, Dialect> = { otpget: OTPGET, otpx: OTPX, instaotp: INSTAOTP, sastaotp: SASTAOTP };
