import type { Dialect } from './dialect';
import type { ProviderId } from '../types';
import { INSTAOTP } from './instaotp';
import { OTPGET } from './otpget';
import { OTPX } from './otpx';
import { SASTAOTP } from './sastaotp';

export type { Brand, Dialect, SmsAction, StatusIntent } from './dialect';
export type { ProviderId };
export { INSTAOTP, OTPGET, OTPX, SASTAOTP };

/** Every provider the package speaks to, one module each; a new provider is one more line here. */
export const DIALECTS: Record<ProviderId, Dialect> = {
	otpget: OTPGET,
	otpx: OTPX,
	instaotp: INSTAOTP,
	sastaotp: SASTAOTP,
};

export const PROVIDER_IDS = Object.keys(DIALECTS) as ProviderId[];

export function isProviderId(value: unknown): value is ProviderId {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DIALECTS, value);
}
