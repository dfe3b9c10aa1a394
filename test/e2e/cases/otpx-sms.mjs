// examples/otpx-sms.json: Get Balance → Get Number (Telegram, India) → Wait for OTP, all at OTPX's sandbox.
import { providerSmsCase } from './provider-sms.shared.mjs';

// OTPX's status list shows only 3 and 8, but its Set Status says "cancel, complete, or request new SMS": Wait for
// OTP tries the family's 6 once (completing moves no money); the sandbox takes it (its default, family reading).
export default async function otpxSms(ctx) {
	await providerSmsCase(ctx, {
		provider: 'otpx',
		price: 18.5,
		completes: true,
		listsPrice: false,
	});
}
