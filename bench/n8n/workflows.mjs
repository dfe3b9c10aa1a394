// The three ways of waiting for N codes that bench/n8n/run.mjs compares. Each starts from a webhook
// (answers at once; body {"n": N, "interval": seconds, "timeoutMin": minutes, "schedule": learned|fixed|sparseTail}),
// makes N items, buys N numbers with Get Number, then:
//   wait-for-otp     Wait for OTP (Poll Interval and Poll Schedule from the body, Complete on success, default cap);
//   loop             Get Status → IF received → Complete, else (older than the timeout → Cancel) Wait → Get Status;
//   loop-over-items  Loop Over Items (batch 1): per order Get Status → IF → Complete → next, else Wait → Get Status.
import { randomUUID } from 'node:crypto';

import { CREDENTIAL, PKG, getNumber, link, node } from '../../test/queue/workflows.mjs';

export const VARIANTS = ['wait-for-otp', 'loop', 'loop-over-items'];
export const INTERVAL_SECONDS = 5;
const body = (field, fallback) =>
	`={{ $('Webhook').first().json.body.${field} ?? ${JSON.stringify(fallback)} }}`;

const webhook = (path) =>
	node(
		'Webhook',
		'n8n-nodes-base.webhook',
		2,
		[0, 0],
		{ httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		{ webhookId: randomUUID() },
	);
const makeItems = () =>
	node('N Items', 'n8n-nodes-base.code', 2, [200, 0], {
		jsCode:
			'return Array.from({ length: Number($input.first().json.body.n) }, (_, i) => ({ json: { i } }));',
	});
const getStatus = (position) =>
	node(
		'Get Status',
		`${PKG}.otpGet`,
		1,
		position,
		{ resource: 'smsActivation', operation: 'getStatus', orderId: '={{ $json.orderId }}' },
		{ credentials: CREDENTIAL },
	);
const complete = (position) =>
	node(
		'Complete',
		`${PKG}.otpGet`,
		1,
		position,
		{
			resource: 'smsActivation',
			operation: 'setStatus',
			orderId: '={{ $json.orderId }}',
			status: 'complete',
		},
		{ credentials: CREDENTIAL },
	);
const received = (position) =>
	node('Code Received?', 'n8n-nodes-base.if', 2.2, position, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions: [
				{
					id: randomUUID(),
					leftValue: '={{ $json.status }}',
					rightValue: 'received',
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		options: {},
	});
const wait = (position) =>
	node(
		'Wait',
		'n8n-nodes-base.wait',
		1.1,
		position,
		{ resume: 'timeInterval', amount: body('interval', INTERVAL_SECONDS), unit: 'seconds' },
		{ webhookId: randomUUID() },
	);

// The users' loop has no timeout of its own; for codes that never come it cancels at the node's timeout.
const timedOut = (position) =>
	node('Timed Out?', 'n8n-nodes-base.if', 2.2, position, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: randomUUID(),
					leftValue:
						"={{ Date.now() - new Date($('Get Number').all().find((i) => i.json.orderId === $json.orderId).json.boughtAt).getTime() > ($('Webhook').first().json.body.timeoutMin ?? 10) * 60000 }}",
					rightValue: true,
					operator: { type: 'boolean', operation: 'true', singleValue: true },
				},
			],
			combinator: 'and',
		},
		options: {},
	});
const cancel = (position) =>
	node(
		'Cancel',
		`${PKG}.otpGet`,
		1,
		position,
		{
			resource: 'smsActivation',
			operation: 'setStatus',
			orderId: '={{ $json.orderId }}',
			status: 'cancel',
		},
		{ credentials: CREDENTIAL },
	);

export const benchPath = (variant) => `otpget-bench-${variant}`;

export function benchWorkflow(variant) {
	const path = benchPath(variant);
	const head = [webhook(path), makeItems(), getNumber([400, 0])];
	const headLinks = { Webhook: link('N Items'), 'N Items': link('Get Number') };
	const name = `OTPGet bench: ${variant}`;
	const settings = { executionOrder: 'v1' };
	if (variant === 'wait-for-otp') {
		return {
			name,
			settings,
			nodes: [
				...head,
				node(
					'Wait for OTP',
					`${PKG}.otpGetWaitForOtp`,
					1,
					[600, 0],
					{
						source: 'sms',
						orderId: '={{ $json.orderId }}',
						options: {
							onSuccess: 'complete',
							onTimeout: 'cancel',
							pollInterval: body('interval', INTERVAL_SECONDS),
							pollSchedule: body('schedule', 'learned'),
							timeout: body('timeoutMin', 10),
						},
					},
					{ credentials: CREDENTIAL },
				),
			],
			connections: { ...headLinks, 'Get Number': link('Wait for OTP') },
		};
	}
	if (variant === 'loop') {
		return {
			name,
			settings,
			nodes: [
				...head,
				getStatus([600, 0]),
				received([800, 0]),
				complete([1000, -100]),
				timedOut([1000, 100]),
				cancel([1200, 0]),
				wait([1200, 200]),
			],
			connections: {
				...headLinks,
				'Get Number': link('Get Status'),
				'Get Status': link('Code Received?'),
				'Code Received?': link('Complete', 'Timed Out?'),
				'Timed Out?': link('Cancel', 'Wait'),
				Wait: link('Get Status'),
			},
		};
	}
	if (variant === 'loop-over-items') {
		return {
			name,
			settings,
			nodes: [
				...head,
				node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, [600, 0], {
					batchSize: 1,
					options: {},
				}),
				node('Done', 'n8n-nodes-base.noOp', 1, [800, -200], {}),
				getStatus([800, 0]),
				received([1000, 0]),
				complete([1200, -100]),
				wait([1200, 100]),
			],
			connections: {
				...headLinks,
				'Get Number': link('Loop Over Items'),
				'Loop Over Items': link('Done', 'Get Status'),
				'Get Status': link('Code Received?'),
				'Code Received?': link('Complete', 'Wait'),
				Complete: link('Loop Over Items'),
				Wait: link('Get Status'),
			},
		};
	}
	throw new Error(`unknown variant ${variant} (${VARIANTS.join(', ')})`);
}
