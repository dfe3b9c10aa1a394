import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** Every resource of the OTPGet node and the values of its operations: the router and the description are typed by it. */
export type OtpGetType = {
	account: 'getBalance' | 'cancelOpenOrders';
	smsActivation:
		| 'getCountries'
		| 'getServices'
		| 'getNumber'
		| 'getStatus'
		| 'setStatus'
		| 'getOrders'
		| 'regetNumber'
		| 'bestOffer';
	cheapNumber: 'getServers' | 'buyNumber' | 'getStatus' | 'setStatus' | 'getBalance';
	rental:
		| 'getCountries'
		| 'getPricing'
		| 'checkAvailability'
		| 'rentNumber'
		| 'getMyRentals'
		| 'getSms'
		| 'renew';
	email: 'getServices' | 'buyEmail' | 'getCode' | 'cancel' | 'getHistory' | 'getBalance';
};

export type OtpGetResource = keyof OtpGetType;

/** One operation file: its fields and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** A purchase: what it returns is a paid order that must reach the user whatever happens to later items. */
	spends?: boolean;
}

/** One resource file: its Operation dropdown (and fields), and one module per operation value. */
export interface ResourceModule<R extends OtpGetResource> {
	description: INodeProperties[];
	operations: Record<OtpGetType[R], OperationModule>;
}
