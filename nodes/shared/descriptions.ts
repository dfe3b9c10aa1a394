import type { INodeProperties } from 'n8n-workflow';

/** How Wait for OTP and the Trigger find the code in a message. */
export const codePatternOption: INodeProperties = {
	displayName: 'Code Pattern',
	name: 'codePattern',
	type: 'string',
	default: '',
	placeholder: '(\\d{6})',
	description:
		'Regular expression that finds the code in the message; its first group (or the whole match) is the code. Empty finds 4–8 digit codes and codes like 740-279. The full text is always in the output.',
};
