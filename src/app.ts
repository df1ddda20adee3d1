import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './platform/context.js';
import { errors, OktaError } from './platform/errors.js';
import { randomFillSync } from 'node:crypto';
import { ID_PREFIX } from './platform/ids.js';
import { requireApiTokenIn } from './identity/auth.js';
import { invokeModules, managementModules, publicModules } from './modules.js';
import { registerLocalApi } from './workflows/runtime/okta-service.js';
import { routeCatalog } from './ops/openapi.js';
import { opsRoutes } from './ops/ops.routes.js';
import { nestsDeeperThan, TOO_DEEP } from './platform/json-depth.js';
import { checkResponseSchemas, responseSchemaCheckEnabled } from './platform/http/response-schema-check.js';
import { buildSerializer } from './platform/http/response-serializer.js';
import { documentedOperation, routeShadows, unsupportedOperation } from './platform/okta-api/unsupported-operations.js';

const MAX_BODY = 1024 * 1024;

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    genReqId: requestIds(),
    bodyLimit: MAX_BODY,
    trustProxy: false,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', useDefaults: true, removeAdditional: false } },
    // Response schemas write keys in their own order (platform/http/response-serializer.ts).
    schemaController: { compilersFactory: { buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Before any route: the OpenAPI document lists every route added after this.
  const catalog = routeCatalog();
  app.addHook('onRoute', catalog.collect);
  if (responseSchemaCheckEnabled()) checkResponseSchemas(app as unknown as FastifyInstance);

  app.addHook('onResponse', (request, reply, done) => {
    ctx.metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode });
    done();
  });

  // Okta's SDK sends a JSON content type with no body for operations whose body is optional (PUT
  // /api/v1/apps/{appId}/groups/{groupId}); an empty body is "no body", not a malformed one.
  const parseJson = app.getDefaultJsonParser('error', 'ignore');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });

  // Once closing, answers end their connection: a keep-alive connection whose request was in flight would
  // otherwise stay open after its answer and hold the close up until the client drops it.
  let closing = false;
  app.addHook('preClose', async () => { closing = true; });

  // Hooks on every request take a callback rather than being async: no promise per request and hook.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-okta-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  // Before any route reads the body: JSON nested deeper than a documented limit is refused, not recursed into.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.body !== null && typeof request.body === 'object' && nestsDeeperThan(request.body)) {
      return done(new OktaError(400, 'E0000003', 'The request body was not well-formed.', [{ errorSummary: TOO_DEEP }]));
    }
    done();
  });

  app.setErrorHandler((error: FastifyError | OktaError, request, reply) => {
    const okta = toOktaError(error);
    if (okta.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(okta.statusCode).headers(okta.headers).send(okta.toBody());
  });

  // A documented Okta operation Tollgate lacks: Okta's 501 "Unsupported operation", not a 404. Answered
  // before the body is read (an unrouted request's body is never parsed).
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/api/v1/')) return done();
    const routeUrl = request.routeOptions.url;
    if (routeUrl && !routeUrl.includes(':')) return done();
    const op = documentedOperation(request.method, request.url);
    // Answered here: a callback hook that replies does not call done.
    if (op && (!routeUrl || routeShadows(routeUrl, op))) return void reply.status(501).send(unsupportedOperation(op).toBody());
    done();
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const op = documentedOperation(request.method, request.url);
    if (op) return reply.status(501).send(unsupportedOperation(op).toBody());
    const err = errors.notFoundPath(path);
    if (path.startsWith('/api/')) return reply.status(404).send(err.toBody());
    return reply.status(404).type('text/html; charset=utf-8').send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Page not found</h1><p>There is nothing at ${escapeHtml(path)}.</p><p><a href="/signin">Sign in</a></p></main></body></html>`,
    );
  });

  await opsRoutes(app as unknown as FastifyInstance, ctx, catalog);

  // The invoke URLs run beside the site, not inside it: no cookie or form parser reaches them.
  for (const mod of invokeModules) await app.register(async (scope) => mod(scope, ctx));
  await app.register(async (site) => {
    await site.register(formbody);
    await site.register(cookie);
    for (const mod of publicModules) await site.register(async (scope) => mod(scope, ctx));
    await site.register(async (scope) => {
      requireApiTokenIn(scope, ctx);
      for (const mod of managementModules) await scope.register(async (inner) => mod(inner, ctx));
    }, { prefix: '/api/v1' });
  });

  // The Okta connector cards of flows run by this server call its own /api/v1 routes.
  registerLocalApi(ctx, app as unknown as FastifyInstance);
  return app as unknown as FastifyInstance;
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Request ids as `newId('request')` makes them (the prefix and random base62, rejection sampling), from a
 * pool of random bytes refilled 4 KB at a time: asking the CSPRNG for a few bytes per request cost more
 * than routing the request.
 */
function requestIds(): () => string {
  const pool = Buffer.alloc(4096);
  let next = pool.length;
  return () => {
    let id: string = ID_PREFIX.request;
    while (id.length < 20) {
      if (next === pool.length) {
        randomFillSync(pool);
        next = 0;
      }
      const byte = pool[next++];
      if (byte < 248) id += BASE62[byte % 62];
    }
    return id;
  };
}

function toOktaError(error: FastifyError | OktaError): OktaError {
  if (error instanceof OktaError) return error;
  const fe = error as FastifyError & { validation?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> };
  if (fe.validation) {
    const causes = fe.validation.map((v) => {
      const missing = typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : undefined;
      const field = [v.instancePath.replace(/^\//, '').replace(/\//g, '.'), missing].filter(Boolean).join('.');
      return `${field || fe.validationContext || 'body'}: ${missing ? 'The field cannot be left blank' : v.message ?? 'is invalid'}`;
    });
    const first = causes[0]?.split(':')[0] ?? 'body';
    return errors.validation(first, causes);
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError) return errors.malformedBody();
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new OktaError(413, 'E0000003', 'The request body was not well-formed.', [{ errorSummary: 'The request body is too large' }]);
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new OktaError(415, 'E0000003', 'The request body was not well-formed.', [{ errorSummary: 'Unsupported Content-Type' }]);
  if (fe.statusCode === 429) return errors.rateLimited(Math.ceil(Date.now() / 1000) + 60);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new OktaError(fe.statusCode, 'E0000001', `Api validation failed: ${fe.message}`);
  return errors.internal();
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
