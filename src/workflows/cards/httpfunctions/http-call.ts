import { STATUS_CODES } from 'node:http';
import { CardError, defineCard, outputsByKey, type CardDeclaration, type CardFieldSpec, type CardRunContext } from '../../engine/card.js';
import { ConnectionError } from '../../engine/services/connections.js';
import { OutboundHttpError, type OutboundHttpResponse } from '../../engine/services/http.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';

/*
 * What the API Connector cards Get, Post, Put, Patch, Delete and Raw Request share: read Okta's
 * `Request` fields (URL, Query, Headers, Body), send one request through `ctx.services.http` (the
 * host's client with its SSRF guard), and give Okta's `Response` fields (Status Code, Headers, Body).
 * When the card references a connection and the host has connections, its auth headers are added.
 * As in Okta, an answer outside 2xx fails the card with an error named after the status ("Bad
 * Request", "Not Found"); the status, headers and body of that answer are in the error's details.
 */

/** Okta's model timeout for API Connector cards; a card's own `timeout` in the export wins. */
export const HTTP_CARD_TIMEOUT_MS = 30_000;

const REQUEST = 'Request';
const RESPONSE = 'Response';

export type BodyMode = 'none' | 'json' | 'raw';

const url: CardFieldSpec = { key: 'URL', type: 'string', group: REQUEST };
const query: CardFieldSpec = { key: 'Query', type: 'object', group: REQUEST, value: {} };
const headers: CardFieldSpec = { key: 'Headers', type: 'object', group: REQUEST, value: {} };

function responseFields(body: 'object' | 'string'): CardFieldSpec[] {
  return [
    { key: 'Status Code', type: 'number', group: RESPONSE },
    { key: 'Headers', type: 'object', group: RESPONSE },
    { key: 'Body', type: body, group: RESPONSE },
  ];
}

/** One of Get, Post, Put, Patch, Delete: a fixed method, a JSON body (except Get), a JSON answer. */
export function methodCard(options: { key: string; title: string; method: string; version: string; description: string }): CardDeclaration {
  const withBody = options.method !== 'GET';
  return defineCard({
    type: `httpfunctions:${options.key}`,
    title: options.title,
    description: options.description,
    kind: 'function',
    okta: { address: `root:channels:http:httpfunctions:${options.version}:${options.key}`, timeout: HTTP_CARD_TIMEOUT_MS },
    inputs: withBody ? [url, query, headers, { key: 'Body', type: 'object', group: REQUEST, value: {} }] : [url, query, headers],
    outputs: responseFields('object'),
    run: (ctx) => callAndAnswer(ctx, options.method, withBody ? 'json' : 'none'),
  });
}

/** Raw Request: any method, the body sent as the text given, the answer's body given as text. */
export function rawRequestCard(version: string): CardDeclaration {
  return defineCard({
    type: 'httpfunctions:raw',
    title: 'Raw Request',
    description: 'Make an HTTP request with full control of the method, headers and body; the response body is text.',
    kind: 'function',
    okta: { address: `root:channels:http:httpfunctions:${version}:raw`, timeout: HTTP_CARD_TIMEOUT_MS },
    inputs: [url, { key: 'Method', type: 'string', group: REQUEST, value: 'GET' }, query, headers, { key: 'Body', type: 'string', group: REQUEST, value: '' }],
    outputs: responseFields('string'),
    run: (ctx) => callAndAnswer(ctx, rawMethod(ctx.input('Method')), 'raw'),
  });
}

const RAW_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function rawMethod(value: unknown): string {
  const method = textOf(value).trim().toUpperCase() || 'GET';
  if (!RAW_METHODS.has(method)) throw new CardError(`Method '${textOf(value)}' is not supported: use one of ${[...RAW_METHODS].join(', ')}`);
  return method;
}

async function callAndAnswer(ctx: CardRunContext, method: string, bodyMode: BodyMode) {
  const http = ctx.services.http;
  if (!http) throw new CardError('outbound HTTP is not available here: the host running this flow gives the API Connector cards no HTTP client');
  const target = requestUrl(ctx.input('URL'), ctx.input('Query'));
  const requestHeaders = headerValues(ctx.input('Headers'));
  const body = bodyMode === 'none' ? undefined : requestBody(ctx.input('Body'), method, bodyMode, requestHeaders);
  await addConnectionAuth(ctx, requestHeaders);
  const timeoutMs = cardTimeout(ctx);
  let response: OutboundHttpResponse;
  try {
    response = await http({ method, url: target, headers: requestHeaders, body, timeoutMs }, ctx.signal);
  } catch (error) {
    throw requestFailure(error, method, target, timeoutMs);
  }
  const responseBody = bodyMode === 'raw' ? response.body : parsedBody(response.body);
  if (response.statusCode < 200 || response.statusCode > 299) {
    throw new CardError(STATUS_CODES[response.statusCode] ?? `HTTP ${response.statusCode}`, {
      httpStatus: response.statusCode,
      details: { statusCode: response.statusCode, headers: response.headers, body: responseBody },
    });
  }
  return { outputs: outputsByKey(ctx, { 'Status Code': response.statusCode, Headers: response.headers, Body: responseBody }) };
}

/** The URL with the Query field's parameters added to those it already has. */
export function requestUrl(rawUrl: unknown, rawQuery: unknown): string {
  const text = textOf(rawUrl).trim();
  if (text === '') throw new CardError('URL is required');
  let target: URL;
  try {
    target = new URL(text);
  } catch {
    throw new CardError(`URL '${text}' is not a valid absolute URL`);
  }
  for (const [name, value] of queryPairs(rawQuery)) target.searchParams.append(name, value);
  return target.toString();
}

/** Query as an object (lists repeat the parameter), or as text `a=1&b=2`. Null values are left out. */
function queryPairs(raw: unknown): Array<[string, string]> {
  if (raw === null || raw === undefined || raw === '') return [];
  if (typeof raw === 'string') return [...new URLSearchParams(raw.trim().replace(/^\?/, ''))];
  if (!isPlainObject(raw)) throw new CardError(`Query must be an object of parameters, not ${textOf(raw)}`);
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) pairs.push([name, textOf(item)]);
  }
  return pairs;
}

function headerValues(raw: unknown): Record<string, string> {
  if (raw === null || raw === undefined || raw === '') return {};
  if (!isPlainObject(raw)) throw new CardError(`Headers must be an object of header names and values, not ${textOf(raw)}`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== null && value !== undefined) out[name] = textOf(value);
  return out;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * The body to send. JSON cards send objects, lists, numbers and true/false as JSON (with
 * `Content-Type: application/json` unless the card sets one) and text as it is; Delete sends no body
 * for an empty object (its default). Raw Request sends the text given, headers untouched.
 */
export function requestBody(raw: unknown, method: string, mode: 'json' | 'raw', headers: Record<string, string>): string | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (mode === 'raw') return textOf(raw);
  if (method === 'DELETE' && isPlainObject(raw) && Object.keys(raw).length === 0) return undefined;
  if (typeof raw === 'string') {
    if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = isJsonText(raw) ? 'application/json' : 'text/plain; charset=utf-8';
    return raw;
  }
  if (!hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
  return JSON.stringify(raw);
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A JSON answer as its value; an empty answer is nothing; anything else stays text. */
function parsedBody(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The connection the card references in Okta's export (`node.model.config`), if any. */
function connectionOf(ctx: CardRunContext): string | undefined {
  const node = ctx.card.okta?.node;
  const model = isPlainObject(node) ? node.model : undefined;
  const config = isPlainObject(model) ? model.config : undefined;
  return typeof config === 'string' && config !== '' ? config : undefined;
}

/**
 * Adds the auth of the card's connection (when the host has connections and the card references one);
 * a header the card sets itself wins over the connection's.
 */
async function addConnectionAuth(ctx: CardRunContext, headers: Record<string, string>): Promise<void> {
  const connectionId = connectionOf(ctx);
  const connections = ctx.services.connections;
  if (connectionId === undefined || !connections) return;
  let auth: Record<string, string>;
  try {
    auth = await connections.authHeaders(connectionId, ctx.signal);
  } catch (error) {
    if (error instanceof ConnectionError) throw new CardError(error.message);
    throw error;
  }
  for (const [name, value] of Object.entries(auth)) if (!hasHeader(headers, name.toLowerCase())) headers[name] = value;
}

/** The card's `timeout` from Okta's export (`node.model.timeout`), else Okta's default for these cards. */
function cardTimeout(ctx: CardRunContext): number {
  const node = ctx.card.okta?.node;
  const model = isPlainObject(node) ? node.model : undefined;
  const timeout = isPlainObject(model) ? model.timeout : undefined;
  return typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0 ? timeout : HTTP_CARD_TIMEOUT_MS;
}

function requestFailure(error: unknown, method: string, target: string, timeoutMs: number): CardError {
  const where = `${method} ${withoutQuery(target)}`;
  if (error instanceof OutboundHttpError) {
    switch (error.failure) {
      case 'timeout':
        // Okta reports a card that ran past its time as a timeout; like a 504, it may be retried.
        return new CardError(`${where} timed out: no response within ${timeoutMs} ms`);
      case 'blocked':
        return new CardError(`${where} was refused: ${error.message}`);
      case 'aborted':
        return new CardError(`${where} was cancelled: ${error.message}`);
      default:
        return new CardError(`${where} failed: ${error.message}`);
    }
  }
  return new CardError(`${where} failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Query strings may carry tokens: messages name the URL without them. */
function withoutQuery(target: string): string {
  const at = target.indexOf('?');
  return at === -1 ? target : target.slice(0, at);
}
