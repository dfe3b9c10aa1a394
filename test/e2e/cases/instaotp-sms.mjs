// examples/instaotp-sms.json: Get Balance → Get Number (Telegram, India) → Wait for OTP, all at InstaOTP's sandbox.
import { providerSmsCase } from './provider-sms.shared.mjs';

export default async function instaotpSms(ctx) {
	await providerSmsCase(ctx, {
		provider: 'instaotp',
		price: 18.5,
		completes: true,
		listsPrice: true,
	});
}
