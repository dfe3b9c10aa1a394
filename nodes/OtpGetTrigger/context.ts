import type { IDataObject, IPollFunctions } from 'n8n-workflow';

/** One poll's outcome: items to emit (none = nothing new) and the memory to keep if the workflow is live. */
export interface PollOutcome {
	items: IDataObject[];
	/** Shown in manual mode when there is not even a sample. */
	nothing: string;
}

export interface EventContext {
	ctx: IPollFunctions;
	manual: boolean;
	memory: IDataObject;
	now: number;
}
