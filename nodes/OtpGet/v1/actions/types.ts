import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation file: its fields and what it does for one input item. */
export interface OperationModule {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface ResourceModule {
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
