// examples/otpx-sms.json: Get Balance → Get Number (Telegram, India) → Wait for OTP, all at OTPX's sandbox.
import { providerSmsCase } from './provider-sms.shared.mjs';

// OTPX documents no Complete (setStatus 3 and 8 only): Wait for OTP leaves the order open after the code.
export default async function otpxSms(ctx) {
	await providerSmsCase(ctx, {
		provider: 'otpx',
		price: 18.5,
		completes: false,
		listsPrice: false,
	});
}
