// Workflows the queue test and the n8n benchmark create through n8n's REST API. Node types and parameters as
// in examples/signup-pipeline.json and examples/new-rental-sms-trigger.json.
import { randomUUID } from 'node:crypto';

export const PKG = 'n8n-nodes-otpget';
export const CREDENTIAL = { otpGetApi: { id: 'otpgetSandbox001', name: 'OTPGet sandbox' } };
export const SIGNUP_PATH = 'otpget-queue-signup';

export const node = (name, type, typeVersion, position, parameters, extra = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion,
	position,
	parameters,
	...extra,
});
export const link = (...targets) => ({
	main: targets.map((t) => (t === null ? [] : [{ node: t, type: 'main', index: 0 }])),
});

export const getNumber = (position) =>
	node(
		'Get Number',
		`${PKG}.otpGet`,
		1,
		position,
		{
			resource: 'smsActivation',
			operation: 'getNumber',
			providerType: '1',
			country: '61',
			service: '101',
		},
		{ credentials: CREDENTIAL },
	);

/** Webhook → Get Number → Wait for OTP (completes on success) → Respond to Webhook (both outputs). */
export function signupWorkflow({ cap, pollInterval = 1, timeoutMinutes = 3 }) {
	return {
		name: 'OTPGet queue test: webhook sign-up',
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				[0, 0],
				{
					httpMethod: 'POST',
					path: SIGNUP_PATH,
					responseMode: 'responseNode',
					options: {},
				},
				{ webhookId: randomUUID() },
			),
			getNumber([220, 0]),
			node(
				'Wait for OTP',
				`${PKG}.otpGetWaitForOtp`,
				1,
				[440, 0],
				{
					source: 'sms',
					orderId: '={{ $json.orderId }}',
					options: {
						onSuccess: 'complete',
						onTimeout: 'cancel',
						pollInterval,
						timeout: timeoutMinutes,
						maxRequestsPerSecond: cap,
					},
				},
				{ credentials: CREDENTIAL },
			),
			node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', 1.1, [700, 0], {
				respondWith: 'firstIncomingItem',
				options: {},
			}),
		],
		connections: {
			Webhook: link('Get Number'),
			'Get Number': link('Wait for OTP'),
			'Wait for OTP': link('Respond to Webhook', 'Respond to Webhook'),
		},
		settings: { executionOrder: 'v1' },
	};
}

/** OTPGet Trigger (New Rental SMS, all rentals) polling at one fixed second of every minute → Set. */
export function triggerWorkflow({ second }) {
	return {
		name: 'OTPGet queue test: new rental SMS trigger',
		nodes: [
			node(
				'On New Rental SMS',
				`${PKG}.otpGetTrigger`,
				1,
				[0, 0],
				{
					pollTimes: { item: [{ mode: 'custom', cronExpression: `${second} * * * * *` }] },
					event: 'newRentalSms',
					rentals: 'all',
					options: {},
				},
				{ credentials: CREDENTIAL },
			),
			node('Code to Use', 'n8n-nodes-base.set', 3.4, [260, 0], {
				mode: 'manual',
				assignments: {
					assignments: [
						{
							id: randomUUID(),
							name: 'smsOrderId',
							value: '={{ $json.smsOrderId }}',
							type: 'string',
						},
						{ id: randomUUID(), name: 'text', value: '={{ $json.text }}', type: 'string' },
						{ id: randomUUID(), name: 'code', value: '={{ $json.code }}', type: 'string' },
					],
				},
				options: {},
			}),
		],
		connections: { 'On New Rental SMS': link('Code to Use') },
		settings: { executionOrder: 'v1' },
	};
}
