import { getSmsCountries, getSmsServices } from '../../nodes/OtpGet/v1/methods';
import { startSandbox, TEST_KEY, type Sandbox } from '../../sandbox/server';
import { createContext } from '../helpers/context';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

const ctx = (params: Record<string, unknown>) =>
	createContext({ params, credentials: { apiKey: TEST_KEY, baseUrl: sandbox.url } }).loadOptions;

describe('SMS dropdowns', () => {
	it('lists the countries of the selected provider type, by name', async () => {
		const options = await getSmsCountries.call(ctx({ providerType: '3' }));
		expect(options).toEqual([
			{ name: 'Indonesia (6)', value: '6' },
			{ name: 'Pakistan (61)', value: '61' },
			{ name: 'Philippines (5)', value: '5' },
		]);
		expect(sandbox.requests.at(-1)?.query).toMatchObject({ action: 'getCountries', type: '3' });
	});

	it('labels services with their price', async () => {
		const options = await getSmsServices.call(ctx({ providerType: '2', country: '61' }));
		expect(options).toContainEqual({ name: 'Telegram — 50 PKR', value: '101' });
		expect(sandbox.requests.at(-1)?.query).toMatchObject({
			action: 'getServices',
			country: '61',
			type: '2',
		});
	});

	it('asks nothing while no country is chosen', async () => {
		const before = sandbox.requests.length;
		expect(await getSmsServices.call(ctx({ providerType: '1', country: '' }))).toEqual([]);
		expect(sandbox.requests.length).toBe(before);
	});
});
