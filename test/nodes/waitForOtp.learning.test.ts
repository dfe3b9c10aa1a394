import type { IDataObject } from 'n8n-workflow';

import { learning } from '../../nodes/OtpGetWaitForOtp/learning';
import { MAX_SAMPLES, MAX_STORED_KEYS } from '../../protocol/poll/arrivals';
import { createContext } from '../helpers/context';

const boughtAt = new Date(1_000_000).toISOString();
const item = (service: string, options: IDataObject = {}) => ({
	params: { source: 'sms', orderId: '1', options },
	json: { orderId: '1', service, country: '61', boughtAt },
});

function context(items: Array<ReturnType<typeof item>>, staticData: IDataObject) {
	return createContext({
		params: items.map((i) => i.params),
		items: items.map((i) => ({ json: i.json })),
		staticData,
	}).execute;
}

describe('Wait for OTP: learned arrivals in the workflow static data', () => {
	it('keys by provider, source, service and country; counts from boughtAt; saves at the end of the run', () => {
		const staticData: IDataObject = {};
		const run = learning(context([item('wa-learn-1')], staticData));
		const { schedule, arrivals } = run.forItem(0, 'sms', 5000, 1_060_000);
		expect(schedule.origin).toBe(1_000_000);
		for (let i = 0; i < 10; i++) arrivals?.record(20_000 + i * 1000);
		expect(staticData.arrivals).toBeUndefined();
		run.commit();
		const stored = staticData.arrivals as Record<string, number[]>;
		expect(Object.keys(stored)).toEqual(['otpget|sms|wa-learn-1|61']);
		expect(stored['otpget|sms|wa-learn-1|61']).toHaveLength(10);
		// The next run (same process) starts with a learned schedule: no check before ~17 s after the purchase.
		const next = learning(context([item('wa-learn-1')], staticData));
		expect(
			next.forItem(0, 'sms', 5000, 1_000_000).schedule.firstCheckAt(1_000_000),
		).toBeGreaterThan(1_017_000);
		// Fixed on request.
		const fixed = learning(context([item('wa-learn-1', { pollSchedule: 'fixed' })], staticData));
		expect(fixed.forItem(0, 'sms', 5000, 1_000_000).schedule.firstCheckAt(1_000_000)).toBe(
			1_000_000,
		);
	});

	it('a key stored by another process is read back; the stored keys stay bounded', () => {
		const staticData: IDataObject = {
			arrivals: { 'otpget|sms|wa-learn-stored|61': Array.from({ length: 20 }, () => 300) },
		};
		const run = learning(context([item('wa-learn-stored')], staticData));
		const { schedule } = run.forItem(0, 'sms', 5000, 1_000_000);
		// Codes at 30 s: the first check comes after 30 s − 2.5 s + 5 s.
		expect(schedule.firstCheckAt(1_000_000)).toBe(1_032_500);
		for (let k = 0; k < 3 * MAX_STORED_KEYS; k++) {
			const r = learning(context([item(`wa-learn-many-${k}`)], staticData));
			const { arrivals } = r.forItem(0, 'sms', 5000, 1_000_000);
			for (let i = 0; i < 2 * MAX_SAMPLES; i++) arrivals?.record(10_000);
			r.commit();
		}
		const stored = staticData.arrivals as Record<string, number[]>;
		expect(Object.keys(stored)).toHaveLength(MAX_STORED_KEYS);
		expect(Object.values(stored).every((s) => s.length <= MAX_SAMPLES)).toBe(true);
	});

	it('an unknown Poll Schedule fails its item only', () => {
		const run = learning(context([item('wa-learn-x', { pollSchedule: 'sometimes' })], {}));
		expect(() => run.forItem(0, 'sms', 5000, 1_000_000)).toThrow(/Poll Schedule/);
	});
});
