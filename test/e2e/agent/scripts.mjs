// The scripted "models" of the AI Agent checks. Each one plays a model that follows the user prompt; the
// stub (stub.mjs) picks the script whose `match` fits the prompt and asks it for the next step.
import { findTool } from './stub.mjs';

/** The prompts of examples/ai-agent-*.json (the cases check that the examples still use them). */
export const SIGNUP_PROMPT_RE = /sign (me )?up for telegram/i;
export const SPREE_PROMPT_RE = /buy (\d+) (phone )?numbers/i;

/** Finds the first value of `key` anywhere in a tool result (n8n wraps node output as JSON text, often in arrays). */
export function findValue(value, key) {
	if (value === null || typeof value !== 'object') return undefined;
	if (!Array.isArray(value) && value[key] !== undefined && value[key] !== null && value[key] !== '')
		return value[key];
	for (const v of Object.values(value)) {
		const found = findValue(v, key);
		if (found !== undefined) return found;
	}
	return undefined;
}

/** Arguments for a tool from its JSON schema: every property it declares must have a value here. */
function argumentsFor(tool, values) {
	const props = Object.keys(tool.parameters?.properties ?? {});
	const missing = props.filter((p) => values[p] === undefined);
	if (missing.length) {
		throw new Error(
			`tool ${tool.name} asks for ${missing.join(', ')}, the script only knows ${Object.keys(values).join(', ')}`,
		);
	}
	return Object.fromEntries(props.map((p) => [p, values[p]]));
}

const isGetNumber = /get.?number/i;
const isWait = /wait/i;

/** Get Number → Wait for OTP with its orderId → answers with the code. */
export const signup = {
	name: 'signup',
	match: SIGNUP_PROMPT_RE,
	next({ request, steps }) {
		const getNumber = findTool(request, isGetNumber);
		const wait = findTool(request, isWait);
		const last = steps.at(-1);
		if (!last)
			return {
				toolCalls: [
					{
						name: getNumber.name,
						arguments: argumentsFor(getNumber, { service: '101', country: '61' }),
					},
				],
			};
		if (last.name === getNumber.name) {
			const orderId = findValue(last.result, 'orderId');
			if (orderId === undefined) return { content: `I could not get a number: ${last.text}` };
			return {
				toolCalls: [
					{ name: wait.name, arguments: argumentsFor(wait, { orderId: String(orderId) }) },
				],
			};
		}
		const code = findValue(last.result, 'code');
		if (code === undefined) return { content: `No code arrived: ${last.text}` };
		return {
			content: `Signed up. The Telegram code is ${code} (order ${findValue(last.result, 'orderId')}).`,
		};
	},
};

/**
 * A runaway agent: buys the number of numbers the prompt asks for, one per turn, and ignores every error
 * (a budget must hold even against a model that does not listen), then reports what it got.
 */
export const spree = {
	name: 'spree',
	match: SPREE_PROMPT_RE,
	next({ request, prompt, steps }) {
		const wanted = Number(SPREE_PROMPT_RE.exec(prompt)[1]);
		const getNumber = findTool(request, isGetNumber);
		const tries = steps.filter((s) => s.name === getNumber.name);
		if (tries.length < wanted) {
			return {
				toolCalls: [
					{
						name: getNumber.name,
						arguments: argumentsFor(getNumber, { service: '101', country: '61' }),
					},
				],
			};
		}
		const bought = tries
			.map((s) => findValue(s.result, 'orderId'))
			.filter((id) => id !== undefined);
		return {
			content: `Tried ${tries.length} times, bought ${bought.length}: ${bought.join(', ')}.`,
		};
	},
};

export const scripts = [signup, spree];
