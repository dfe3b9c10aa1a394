/**
 * Issue 17, "Document readings to fix": where a provider's document can be read two ways, the sandbox speaks
 * each reading (sandbox/readings.ts) and the nodes must work against every one, over real HTTP.
 */
import { FAST, INDIA, providerHarness, type Params } from './providers.harness';

const sms = (operation: string, params: Params = {}): Params => ({
	resource: 'smsActivation',
	operation,
	...params,
});

type Failure = Error & { description?: string; errorCode?: string; moneyAtRisk?: boolean };

describe('SastaOTP JSON errors in shapes the document does not show (item 2)', () => {
	const h = providerHarness('sastaotp');

	it.each(['error', 'code', 'error_code', 'nested', 'message'] as const)(
		'shape %s: NO_NUMBERS is a refusal (nothing bought, failover may route on it), not an unknown outcome',
		async (shape) => {
			h.sandbox.options.readings.sastaotpErrors = shape;
			const error = (await h.failure(
				sms('getNumber', { country: INDIA.sastaotp, service: 'soldout' }),
			)) as Failure;
			expect(error.errorCode).toBe('NO_NUMBERS');
			expect(error.moneyAtRisk).toBe(false);
			expect(error.message).not.toMatch(/may or may not/);
			expect(h.sandbox.requests.some((r) => r.action === 'getNumber')).toBe(true);
		},
	);
});
