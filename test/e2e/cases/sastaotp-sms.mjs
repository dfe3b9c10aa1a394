// examples/sastaotp-sms.json: Get Balance → Get Number (Telegram, India) → Wait for OTP, all at SastaOTP's sandbox.
// Get Number caps the price at 25 INR (Spend Limits → Max Price, sent as SastaOTP's maxPrice); tg costs 18.50.
import { providerSmsCase } from './provider-sms.shared.mjs';

export default async function sastaotpSms(ctx) {
	await providerSmsCase(ctx, {
		provider: 'sastaotp',
		price: 18.5,
		completes: true,
		listsPrice: true,
		maxPrice: '25',
	});
}
