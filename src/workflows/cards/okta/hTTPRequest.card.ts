import { CardError, defineCard, outputsByKey } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { oktaCardError, oktaCardExport, oktaSend, requiredText } from './okta-connector.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** The card's Query input: an object of parameters, or query text (`a=1&b=2`). */
function queryParams(value: unknown): URLSearchParams {
  if (typeof value === 'string') return new URLSearchParams(value.replace(/^\?/, ''));
  const params = new URLSearchParams();
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      for (const one of Array.isArray(item) ? item : [item]) params.append(key, textOf(one));
    }
  }
  return params;
}

function headersOf(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (isPlainObject(value)) for (const [name, item] of Object.entries(value)) if (item !== null && item !== undefined) headers[name] = textOf(item);
  return headers;
}

/**
 * Okta connector Custom API Action: any request to this org's API, by relative URL (`/api/v1/...`),
 * authenticated as the connection. 2xx and 3xx answers come out as Status Code, Headers and Body;
 * an error answer fails the card with Okta's error summary and status.
 */
export default defineCard({
  type: 'okta:hTTPRequest',
  title: 'Custom API Action',
  description: "Make an authenticated request to the Okta API with the connection's credentials.",
  kind: 'function',
  okta: oktaCardExport('hTTPRequest'),
  inputs: [
    { key: 'requestType', type: 'string', group: 'parameters', label: 'Request Type', value: 'GET' },
    { key: 'Relative URL', type: 'string', group: 'Request' },
    { key: 'Query', type: 'object', group: 'Request' },
    { key: 'Headers', type: 'object', group: 'Request' },
    { key: 'Body', type: 'object', group: 'Request' },
  ],
  outputs: [
    { key: 'Status Code', type: 'number', group: 'Response' },
    { key: 'Headers', type: 'object', group: 'Response' },
    { key: 'Body', type: 'object', group: 'Response' },
  ],
  async run(ctx) {
    // GET(Streaming) reads the same resource; a flow sees the whole answer.
    const method = (textOf(ctx.input('requestType', 'parameters')).trim() || 'GET').replace('(Streaming)', '').toUpperCase();
    if (!METHODS.includes(method)) throw new CardError(`Request Type '${method}' is not one of ${METHODS.join(', ')}`);
    const relative = requiredText(ctx, 'Relative URL', 'Request');
    if (!relative.startsWith('/')) throw new CardError(`Relative URL '${relative}' must start with '/' (a path of this org, e.g. /api/v1/users)`);
    const [pathname, inlineQuery = ''] = relative.split(/\?(.*)/s, 2);
    const params = new URLSearchParams(inlineQuery);
    for (const [key, value] of queryParams(ctx.input('Query', 'Request'))) params.append(key, value);
    const query = params.toString();
    const body = method === 'GET' || method === 'DELETE' ? undefined : ctx.input('Body', 'Request') ?? undefined;
    const response = await oktaSend(ctx, method, query ? `${pathname}?${query}` : pathname, body, headersOf(ctx.input('Headers', 'Request')));
    if (response.statusCode >= 400) throw oktaCardError(response);
    return { outputs: outputsByKey(ctx, { 'Status Code': response.statusCode, Headers: response.headers, Body: response.body }) };
  },
});
