import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { gateClock, n8nClock } from '../shared/clock';
import { toNodeError } from '../shared/errors';
import { credentialKey, joinGate, throughGate } from '../shared/gate';
import { credentialTypeOf, pollDialectOf, providerCredentials } from '../shared/provider';
import { properties } from './description';
import { EVENT_API, EVENTS } from './events';

/** The trigger's requests share the credential's cap with any Wait for OTP running at the time. */
const TRIGGER_REQUESTS_PER_SECOND = 10;

export class OtpGetTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OTPGet Trigger',
		name: 'otpGetTrigger',
		icon: { light: 'file:../../icons/otpget.svg', dark: 'file:../../icons/otpget.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["event"] === "balanceBelow" ? "Balance Below" : $parameter["event"] === "rentalExpiring" ? "Rental Expiring Soon" : "New Rental SMS" }}',
		description:
			'Starts the workflow on new SMS on rented numbers, rentals about to expire, or a low balance (OTPGet, OTPX, InstaOTP, SastaOTP)',
		defaults: { name: 'OTPGet Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials(),
		properties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as string;
		const run = EVENTS[event];
		if (!run) throw new NodeOperationError(this.getNode(), `Unknown event "${event}"`);
		const dialect = pollDialectOf(this);
		if (dialect.endpoints[EVENT_API[event] ?? 'sms'] === undefined) {
			throw new NodeOperationError(
				this.getNode(),
				`${dialect.name} has no rentals: "${event}" is an OTPGet event`,
				{
					description: 'Choose Balance Below, or OTPGet as the provider.',
				},
			);
		}
		const manual = this.getMode() === 'manual';
		const { gate, leave } = joinGate(
			credentialKey(this, credentialTypeOf(this)),
			TRIGGER_REQUESTS_PER_SECOND,
			gateClock,
		);
		let outcome;
		try {
			outcome = await run({
				ctx: throughGate(this, gate),
				manual,
				memory: this.getWorkflowStaticData('node') as IDataObject,
				now: n8nClock.now(),
			});
		} catch (error) {
			throw toNodeError(this.getNode(), error);
		} finally {
			leave();
		}
		if (outcome.items.length > 0) return [this.helpers.returnJsonArray(outcome.items)];
		if (manual)
			throw new NodeOperationError(this.getNode(), outcome.nothing || 'Nothing to show yet');
		return null;
	}
}
