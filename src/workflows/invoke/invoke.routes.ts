import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { safeEqual } from '../../platform/crypto.js';
import { errors, OktaError } from '../../platform/errors.js';
import { tokenFailures } from '../../platform/rate-limit.js';
import type { HttpTrigger } from '../engine/index.js';
import type { RunnableFlow } from '../runtime/flow-cache.js';
import { EXECUTION_ID_HEADER } from './http-reply.js';
import { invokeFlow } from './invoke-flow.js';
import { InvokeSummary } from './invoke-summary.js';
import { workflowRuntime } from '../runtime/workflow-runtime.js';

/** Okta's flow alias: 32 hex digits. */
const ALIAS = /^[0-9a-f]{32}$/;
const CLIENT_TOKEN_HEADER = 'x-api-client-token';
const CLIENT_TOKEN_QUERY = 'clientToken';
/** The header of an event hook's one-time verification GET. */
const VERIFICATION_CHALLENGE_HEADER = 'x-okta-verification-challenge';
/** The largest request body a flow is given. */
const MAX_INVOKE_BODY = 1024 * 1024;

const Params = Type.Object({ alias: Type.String({ maxLength: 200 }) });
const Query = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));

/**
 * `GET`/`POST /api/flo/{alias}/invoke`: runs an API Endpoint flow (Okta Workflows' invoke URL). The flow
 * gets the request as it came: headers (lower-case names), query parameters, and the body as raw text
 * whatever its content type. Without the right client token (medium security) nothing runs: 401.
 * An event hook's verification GET (`x-okta-verification-challenge`) is answered here, the flow does not run.
 */
export async function invokeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const runtime = workflowRuntime(ctx);
  const summary = new InvokeSummary(ctx);
  app.addHook('onClose', async () => {
    summary.write();
    await runtime.close();
  });

  await app.register(async (scope) => {
    // The flow reads the body as text: no parsing by content type here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_INVOKE_BODY }, (_request, body, done) => done(null, body));

    scope.addHook('onResponse', (request, reply, done) => {
      summary.count(reply.statusCode);
      if (reply.statusCode >= 500) request.log.warn({ url: request.url, statusCode: reply.statusCode, executionId: reply.getHeader(EXECUTION_ID_HEADER) }, 'a flow invocation failed');
      done();
    });
    scope.route({
      method: ['GET', 'POST'],
      url: '/api/flo/:alias/invoke',
      // No "incoming request" / "request completed" lines: failures are logged, the rest summed up (InvokeSummary).
      logLevel: 'warn',
      schema: { params: Params, querystring: Query },
      handler: async (request, reply) => {
        const { alias } = request.params as { alias: string };
        const flow = ALIAS.test(alias) ? await runtime.flows.get(alias) : undefined;
        if (!flow || !flow.active || !flow.isEndpoint) throw errors.notFoundPath(`/api/flo/${alias}/invoke`);
        checkCaller(ctx, flow, request);
        // Okta counts a Workflows invoke URL as a verified event hook endpoint without running the flow;
        // this org's event hooks verify with the one-time GET, so the invoke URL answers the challenge.
        const challenge = request.method === 'GET' ? firstOf(request.headers[VERIFICATION_CHALLENGE_HEADER]) : undefined;
        if (challenge !== undefined) return reply.status(200).header('content-type', 'application/json').send(JSON.stringify({ verification: challenge }));
        const limit = runtime.limiter.hit(flow.id, ctx.config.workflows.invokeRatePerSecond, Date.now());
        if (!limit.allowed) {
          const error = errors.rateLimited(limit.resetEpochSeconds);
          throw new OktaError(error.statusCode, error.errorCode, error.errorSummary, error.errorCauses, {
            ...error.headers, 'x-rate-limit-limit': String(limit.limit), 'x-rate-limit-remaining': '0',
          });
        }
        const { executionId, response } = await invokeFlow(ctx, runtime, flow, triggerOf(request));
        reply.status(response.statusCode).headers(response.headers).header(EXECUTION_ID_HEADER, executionId);
        return reply.send(response.body ?? '');
      },
    });
  });
}

/** Public flows take anyone; client-token flows need the token in the header or the query. */
function checkCaller(ctx: AppContext, flow: RunnableFlow, request: FastifyRequest): void {
  if (flow.securityLevel === 'open') return;
  // Wrong client tokens are throttled per client address, before the flow's own rate limit and the token check.
  const address = `invoke|${request.ip}`;
  const now = ctx.clock().getTime();
  const throttle = tokenFailures(ctx).check(address, now);
  if (!throttle.allowed) throw errors.rateLimited(throttle.resetEpochSeconds);
  if (flow.securityLevel === 'high') {
    throw new OktaError(401, 'E0000011', 'Invalid token provided', [{ errorSummary: 'This flow is secured with OAuth 2.0, which Tollgate does not support yet' }]);
  }
  const header = request.headers[CLIENT_TOKEN_HEADER];
  const query = (request.query as Record<string, string | string[]>)[CLIENT_TOKEN_QUERY];
  const given = firstOf(header) ?? firstOf(query);
  if (!flow.clientToken || given === undefined || !safeEqual(given, flow.clientToken)) {
    tokenFailures(ctx).fail(address, now);
    throw new OktaError(401, 'E0000011', 'Invalid token provided', [{ errorSummary: `Send the flow's client token in the ${CLIENT_TOKEN_HEADER} header or the ${CLIENT_TOKEN_QUERY} query parameter` }]);
  }
}

/** The request as the API Endpoint card sees it; the client token is not part of it. */
function triggerOf(request: FastifyRequest): HttpTrigger {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === CLIENT_TOKEN_HEADER) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.query as Record<string, string | string[]>)) {
    const first = firstOf(value);
    if (name !== CLIENT_TOKEN_QUERY && first !== undefined) query[name] = first;
  }
  return {
    kind: 'http',
    method: request.method === 'POST' ? 'POST' : 'GET',
    headers,
    query,
    body: typeof request.body === 'string' ? request.body : '',
  };
}

function firstOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
