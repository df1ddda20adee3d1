import { describe, expect, test } from 'vitest';
import { CardError, type CardDeclaration, type CardFieldSpec } from '../../engine/card.js';
import { callCard } from '../test-kit.js';
import { OutboundHttpError, type OutboundHttp, type OutboundHttpRequest, type OutboundHttpResponse } from '../../engine/services/http.js';
import del from './delete.card.js';
import get from './get.card.js';
import patch from './patch.card.js';
import post from './post.card.js';
import put from './put.card.js';
import raw from './raw.card.js';

/** A stand-in for the host's client: records each request and answers as told. */
function fakeHttp(answer: Partial<OutboundHttpResponse> | ((request: OutboundHttpRequest) => Promise<OutboundHttpResponse>) = {}) {
  const requests: OutboundHttpRequest[] = [];
  const http: OutboundHttp = async (request) => {
    requests.push(request);
    if (typeof answer === 'function') return answer(request);
    return { statusCode: 200, headers: {}, body: '', ...answer };
  };
  return { http, requests };
}

const request = (key: string, type: string, value: unknown): CardFieldSpec => ({ key, type, group: 'Request', value });

async function run(card: CardDeclaration, inputs: CardFieldSpec[], http: OutboundHttp, okta?: Record<string, unknown>) {
  return callCard(card, { inputs, services: { http }, card: okta ? { okta } : undefined });
}

describe('API Connector Get, Post, Put, Patch, Delete', () => {
  test.each([
    [get, 'GET'],
    [post, 'POST'],
    [put, 'PUT'],
    [patch, 'PATCH'],
    [del, 'DELETE'],
  ])('%s sends its method and gives Status Code, Headers and the parsed JSON Body', async (card, method) => {
    const { http, requests } = fakeHttp({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"42","tags":["a"]}' });
    const { outputs } = await run(card, [request('URL', 'string', 'https://api.example.com/things')], http);
    expect(requests[0].method).toBe(method);
    expect(requests[0].url).toBe('https://api.example.com/things');
    expect(requests[0].timeoutMs).toBe(30000);
    expect(outputs).toEqual({ 'Response.Status Code': 200, 'Response.Headers': { 'content-type': 'application/json' }, 'Response.Body': { id: '42', tags: ['a'] } });
  });

  test('Query is added to the parameters the URL has; lists repeat a parameter; nothing is left out', async () => {
    const { http, requests } = fakeHttp();
    await run(get, [request('URL', 'string', 'https://api.example.com/users?limit=2'), request('Query', 'object', { search: 'a b', status: ['ACTIVE', 'STAGED'], none: null })], http);
    expect(requests[0].url).toBe('https://api.example.com/users?limit=2&search=a+b&status=ACTIVE&status=STAGED');
  });

  test('Query given as text (older exports type it Text) is read as a query string', async () => {
    const { http, requests } = fakeHttp();
    await run(get, [request('URL', 'string', 'https://api.example.com/x'), request('Query', 'string', '?$top=5&$select=id')], http);
    expect(new URL(requests[0].url).searchParams.get('$top')).toBe('5');
    expect(new URL(requests[0].url).searchParams.get('$select')).toBe('id');
  });

  test('Post sends an object Body as JSON with Content-Type application/json and the Headers given', async () => {
    const { http, requests } = fakeHttp({ statusCode: 201, body: '{"ok":true}' });
    const { outputs } = await run(
      post,
      [request('URL', 'string', 'https://hooks.example.com/in'), request('Headers', 'object', { Authorization: 'Bearer t', 'X-Count': 3 }), request('Body', 'object', { text: 'hi', n: 1 })],
      http,
    );
    expect(requests[0].headers).toEqual({ Authorization: 'Bearer t', 'X-Count': '3', 'Content-Type': 'application/json' });
    expect(JSON.parse(requests[0].body!)).toEqual({ text: 'hi', n: 1 });
    expect(outputs['Response.Status Code']).toBe(201);
    expect(outputs['Response.Body']).toEqual({ ok: true });
  });

  test("the card's own Content-Type wins; a text Body is sent as it is", async () => {
    const { http, requests } = fakeHttp();
    await run(put, [request('URL', 'string', 'https://x.example.com/'), request('Headers', 'object', { 'content-type': 'application/xml' }), request('Body', 'string', '<a/>')], http);
    expect(requests[0].headers).toEqual({ 'content-type': 'application/xml' });
    expect(requests[0].body).toBe('<a/>');
  });

  test('Delete sends no body for its default empty object', async () => {
    const { http, requests } = fakeHttp({ statusCode: 204 });
    const { outputs } = await run(del, [request('URL', 'string', 'https://x.example.com/users/1'), request('Body', 'object', {})], http);
    expect(requests[0].body).toBeUndefined();
    expect(outputs['Response.Status Code']).toBe(204);
    expect(outputs['Response.Body']).toBeNull();
  });

  test('a Body that is not JSON is given as text', async () => {
    const { http } = fakeHttp({ body: 'plain words' });
    const { outputs } = await run(get, [request('URL', 'string', 'https://x.example.com/')], http);
    expect(outputs['Response.Body']).toBe('plain words');
  });

  test.each([
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [404, 'Not Found'],
    [429, 'Too Many Requests'],
    [500, 'Internal Server Error'],
    [302, 'Found'],
  ])('an answer %s fails the card with the error "%s", the answer in its details', async (status, name) => {
    const { http } = fakeHttp({ statusCode: status, headers: { 'content-type': 'application/json' }, body: '{"errorSummary":"nope"}' });
    const error = await run(get, [request('URL', 'string', 'https://x.example.com/')], http).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardError);
    expect((error as CardError).message).toBe(name);
    expect((error as CardError).options.httpStatus).toBe(status);
    expect((error as CardError).options.details).toEqual({ statusCode: status, headers: { 'content-type': 'application/json' }, body: { errorSummary: 'nope' } });
  });

  test("the request's time budget is the card's timeout from the export", async () => {
    const { http, requests } = fakeHttp();
    await run(get, [request('URL', 'string', 'https://x.example.com/')], http, { node: { model: { timeout: 5000 } } });
    expect(requests[0].timeoutMs).toBe(5000);
  });

  test('no answer in time fails the card with a timeout naming the URL without its query', async () => {
    const { http } = fakeHttp(() => Promise.reject(new OutboundHttpError('timeout', 'No response within 30000 ms')));
    await expect(run(get, [request('URL', 'string', 'https://x.example.com/a?token=secret')], http)).rejects.toThrow('GET https://x.example.com/a timed out: no response within 30000 ms');
  });

  test('a refused address fails the card with the guard’s reason', async () => {
    const { http } = fakeHttp(() => Promise.reject(new OutboundHttpError('blocked', 'The URI points to a private or reserved address (10.0.0.1)')));
    await expect(run(post, [request('URL', 'string', 'https://10.0.0.1/')], http)).rejects.toThrow(/POST https:\/\/10\.0\.0\.1\/ was refused: The URI points to a private/);
  });

  test.each([
    ['', 'URL is required'],
    ['not a url', "URL 'not a url' is not a valid absolute URL"],
  ])('URL %j fails before anything is sent', async (url, message) => {
    const { http, requests } = fakeHttp();
    await expect(run(get, [request('URL', 'string', url)], http)).rejects.toThrow(message);
    expect(requests).toEqual([]);
  });

  test('without an HTTP client from the host the card says so', async () => {
    await expect(callCard(get, { inputs: [request('URL', 'string', 'https://x.example.com/')] })).rejects.toThrow(/outbound HTTP is not available here/);
  });
});

describe('API Connector Raw Request (httpfunctions:raw)', () => {
  test('sends the Method and the Body text as given, and gives the Body as text', async () => {
    const { http, requests } = fakeHttp({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const { outputs } = await run(
      raw,
      [
        request('URL', 'string', 'https://x.example.com/soap'),
        request('Method', 'string', 'post'),
        request('Headers', 'object', { 'Content-Type': 'text/xml' }),
        request('Body', 'string', '<Envelope/>'),
      ],
      http,
    );
    expect(requests[0]).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<Envelope/>' });
    expect(outputs['Response.Body']).toBe('{"a":1}');
  });

  test('adds no Content-Type of its own', async () => {
    const { http, requests } = fakeHttp();
    await run(raw, [request('URL', 'string', 'https://x.example.com/'), request('Method', 'string', 'PUT'), request('Body', 'string', '{"a":1}')], http);
    expect(requests[0].headers).toEqual({});
  });

  test('an unknown Method fails the card', async () => {
    const { http } = fakeHttp();
    await expect(run(raw, [request('URL', 'string', 'https://x.example.com/'), request('Method', 'string', 'TRACE')], http)).rejects.toThrow(/Method 'TRACE' is not supported/);
  });

  test('a non-2xx answer fails it too, named after the status', async () => {
    const { http } = fakeHttp({ statusCode: 503, body: 'down' });
    await expect(run(raw, [request('URL', 'string', 'https://x.example.com/'), request('Method', 'string', 'GET')], http)).rejects.toThrow('Service Unavailable');
  });
});
