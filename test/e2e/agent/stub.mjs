// A local OpenAI-compatible chat model for the AI Agent checks: POST /v1/chat/completions answers with the
// next step of a scripted conversation (tool calls, then a final answer). Stateless: every step is derived
// from the messages n8n sends back (the tool results so far), so a retried request gets the same answer.
//
// The script is chosen by the user prompt (scripts[i].match), so the example workflows keep a real model
// name and run unchanged against OpenAI. GET /v1/models lists one model for the editor's model picker.
import { createServer } from 'node:http';

/**
 * The tool calls of the conversation so far, paired with their results:
 * [{ id, name, args, result (parsed JSON when it is JSON, else the text), text }].
 */
export function toolSteps(messages) {
	const results = new Map();
	for (const m of messages) {
		if (m.role === 'tool')
			results.set(
				m.tool_call_id,
				typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
			);
	}
	const steps = [];
	for (const m of messages) {
		for (const call of m.role === 'assistant' ? (m.tool_calls ?? []) : []) {
			const text = results.get(call.id);
			let args;
			try {
				args = JSON.parse(call.function.arguments || '{}');
			} catch {
				args = call.function.arguments;
			}
			steps.push({ id: call.id, name: call.function.name, args, text, result: parseJson(text) });
		}
	}
	return steps;
}

function parseJson(text) {
	if (text === undefined) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** The request's tool (function) whose name or description matches re; throws a readable error otherwise. */
export function findTool(request, re) {
	const tools = (request.tools ?? []).map((t) => t.function ?? t);
	const tool =
		tools.find((t) => re.test(t.name)) ?? tools.find((t) => re.test(t.description ?? ''));
	if (!tool)
		throw new Error(
			`no tool matches ${re} (tools: ${tools.map((t) => t.name).join(', ') || 'none'})`,
		);
	return tool;
}

let callCount = 0;

function completion(request, reply) {
	const message = { role: 'assistant', content: reply.content ?? null };
	if (reply.toolCalls?.length) {
		message.tool_calls = reply.toolCalls.map((c) => ({
			id: `call_${++callCount}`,
			type: 'function',
			function: { name: c.name, arguments: JSON.stringify(c.arguments ?? {}) },
		}));
	}
	return {
		id: `chatcmpl-stub-${callCount}-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: request.model,
		choices: [
			{
				index: 0,
				message,
				logprobs: null,
				finish_reason: message.tool_calls ? 'tool_calls' : 'stop',
			},
		],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent events (stream: true): one chunk with the whole message, then [DONE]. */
function streamChunks(body) {
	const { message, finish_reason } = body.choices[0];
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls)
		delta.tool_calls = message.tool_calls.map((c, index) => ({ index, ...c }));
	const base = {
		id: body.id,
		object: 'chat.completion.chunk',
		created: body.created,
		model: body.model,
	};
	return [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason }], usage: body.usage },
	];
}

/**
 * Starts the stub on 127.0.0.1 (a free port). scripts: [{ name, match: RegExp on the user prompt,
 * next({ request, prompt, steps }) → { toolCalls: [{ name, arguments }] } | { content } }].
 * Returns { url: 'http://127.0.0.1:<port>/v1' (the OpenAI credential's Base URL), requests (every request
 * body with its script, answer or error), close() }.
 */
export async function startAgentStub(scripts) {
	const requests = [];
	const server = createServer((req, res) => {
		let raw = '';
		req.on('data', (d) => (raw += d));
		req.on('end', () => {
			const send = (status, body) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path === '/v1/models') {
				send(200, {
					object: 'list',
					data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'stub' }],
				});
				return;
			}
			if (req.method !== 'POST' || path !== '/v1/chat/completions') {
				requests.push({ method: req.method, path, error: 'unsupported path' });
				send(404, {
					error: {
						message: `the agent stub only serves POST /v1/chat/completions, not ${req.method} ${path}`,
						type: 'invalid_request_error',
					},
				});
				return;
			}
			const entry = {
				method: req.method,
				path,
				headers: { ...req.headers, authorization: req.headers.authorization ? '(set)' : undefined },
			};
			requests.push(entry);
			try {
				const request = JSON.parse(raw);
				entry.body = request;
				const users = (request.messages ?? []).filter((m) => m.role === 'user');
				const prompt = users
					.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
					.join('\n');
				const script = scripts.find((s) => s.match.test(prompt));
				if (!script)
					throw new Error(`no script matches the prompt ${JSON.stringify(prompt.slice(0, 200))}`);
				entry.script = script.name;
				const reply = script.next({ request, prompt, steps: toolSteps(request.messages ?? []) });
				const body = completion(request, reply);
				entry.reply = body.choices[0].message;
				if (request.stream) {
					res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
					for (const chunk of streamChunks(body)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
					res.end('data: [DONE]\n\n');
				} else {
					send(200, body);
				}
			} catch (error) {
				entry.error = String(error?.message ?? error);
				// 400, not 500: the OpenAI client retries 5xx answers.
				send(400, {
					error: { message: `agent stub: ${entry.error}`, type: 'invalid_request_error' },
				});
			}
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		/** The chat completion requests (parsed bodies). */
		get chats() {
			return requests.filter((r) => r.body);
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}
