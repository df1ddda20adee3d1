import { defineCard } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';

/** Okta keeps parameters with this prefix for itself: they never reach the flow. */
const RESERVED_PREFIX = 'x-okta-workflows';

/**
 * API Endpoint: starts the flow when its invoke URL is called. Outputs: `raw` (`headers` object,
 * `body` text, `query` text), named fields of the JSON body (`body` group), of the headers
 * (`headers` group, lower-case names) and of the query (`query` group), and `context.execution_id`.
 */
export default defineCard({
  type: 'http:accept',
  title: 'API Endpoint',
  description: 'Accept input to start a Flow.',
  kind: 'event',
  triggers: ['http'],
  okta: { address: 'root:kernel:http:0.0.1:accept', timeout: 90000 },
  inputs: [],
  outputs: [
    { key: 'headers', type: 'object', group: 'raw', value: {} },
    { key: 'body', type: 'string', group: 'raw', value: '' },
    { key: 'query', type: 'string', group: 'raw', value: '' },
    { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
  ],
  extensible: { outputs: true },
  run(ctx) {
    const trigger = ctx.trigger.kind === 'http' ? ctx.trigger : { headers: {}, query: {}, body: '' };
    const request: RequestParts = {
      headers: trigger.headers,
      query: withoutReserved(trigger.query),
      rawBody: trigger.body,
      // Parsed only for flows that read fields of the JSON body (most take `raw.body`).
      body: ctx.outputFields.some((field) => field.group === 'body') ? withoutReserved(jsonObjectOrUndefined(trigger.body) ?? {}) : {},
      executionId: ctx.executionId,
    };
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) outputs[field.id] = valueFor(field.group, field.key, request);
    return { outputs };
  },
});

interface RequestParts {
  headers: Record<string, string>;
  query: Record<string, string>;
  rawBody: string;
  body: Record<string, unknown>;
  executionId: string;
}

function valueFor(group: string | undefined, key: string, request: RequestParts): unknown {
  switch (group) {
    case 'raw':
      if (key === 'headers') return request.headers;
      if (key === 'body') return request.rawBody;
      if (key === 'query') return new URLSearchParams(request.query).toString();
      return null;
    case 'body':
      return Object.hasOwn(request.body, key) ? request.body[key] : null;
    case 'headers':
      return Object.hasOwn(request.headers, key.toLowerCase()) ? request.headers[key.toLowerCase()] : null;
    case 'query':
      return Object.hasOwn(request.query, key) ? request.query[key] : null;
    case 'context':
      return key === 'execution_id' ? request.executionId : null;
    default:
      return null;
  }
}

function jsonObjectOrUndefined(text: string): Record<string, unknown> | undefined {
  if (!text.trim().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function withoutReserved<T>(values: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !name.toLowerCase().startsWith(RESERVED_PREFIX)));
}
