import type { ExecutionResult, FlowReply, HttpAnswer } from '../engine/index.js';

/** The response header that carries the execution id (Okta sends one; its name is not documented). */
export const EXECUTION_ID_HEADER = 'x-execution-id';

/** What an invocation answers, before it is written to the socket. `body` undefined: no body. */
export interface InvokeResponse {
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
  /** The body as the flow gave it: a JSON value, or text (Return Raw). */
  value: unknown;
}

/** Headers a flow may not set: the server frames the response itself. */
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te', EXECUTION_ID_HEADER]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const BAD_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The answer of Close, Return Raw or Return. Okta merges the flow's headers with its own. A text body
 * (Return Raw) is sent as it is, as `application/json` when it is JSON and `text/plain` otherwise unless
 * the flow set a Content-Type; any other body is sent as JSON; a null body is no body.
 */
export function answerResponse(answer: HttpAnswer): InvokeResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    const key = name.toLowerCase();
    if (HEADER_NAME.test(name) && !FRAMING_HEADERS.has(key) && !BAD_HEADER_VALUE.test(value)) headers[key] = value;
  }
  if (answer.body === null || answer.body === undefined) return { statusCode: answer.statusCode, headers, value: null };
  if (typeof answer.body === 'string') {
    headers['content-type'] ??= isJsonText(answer.body) ? JSON_TYPE : 'text/plain; charset=utf-8';
    return { statusCode: answer.statusCode, headers, body: answer.body, value: answer.body };
  }
  headers['content-type'] ??= JSON_TYPE;
  return { statusCode: answer.statusCode, headers, body: JSON.stringify(answer.body), value: answer.body };
}

/**
 * The reply when no card answered. Okta does not document it; Tollgate answers the way Okta describes
 * an invocation ("the client receives any output from that flow execution"):
 * - the flow succeeded (it ran out of cards, or Continue If halted it): 200 with `{}`, as no card gave output;
 * - Return Error / Return Error If: its status code (500 when it has none) and `{"error": message}`;
 * - it ran past the 60 s cut-off: 504 and `{"error": ...}`;
 * - a card failed: 500 and `{"error": ...}` naming the card.
 * Every reply carries the execution id, to look the run up in the execution history.
 */
export function finishedResponse(result: ExecutionResult): InvokeResponse {
  if (result.answer) return answerResponse(result.answer);
  if (result.status === 'succeeded') return json(200, {});
  const error = result.error;
  const statusCode = error?.reason === 'cut-off' ? 504 : error?.reason === 'returned-error' ? validStatus(error.statusCode) ?? 500 : 500;
  return json(statusCode, { error: error?.message ?? 'the flow failed', executionId: result.executionId });
}

export function responseOf(reply: FlowReply): InvokeResponse {
  return reply.kind === 'answer' ? answerResponse(reply.answer) : finishedResponse(reply.result);
}

function json(statusCode: number, value: unknown): InvokeResponse {
  return { statusCode, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value), value };
}

function validStatus(status: number | undefined): number | undefined {
  return status !== undefined && Number.isInteger(status) && status >= 200 && status <= 599 && !(status >= 300 && status < 400) ? status : undefined;
}

function isJsonText(text: string): boolean {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
