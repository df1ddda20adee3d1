import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Principal } from '../../identity/api-tokens/api-tokens.service.js';
import type { LogActor } from '../../events/log-event.js';
import type { InternalCaller } from '../../identity/auth.js';
import type { OktaApi, OktaApiRequest, OktaApiResponse } from '../engine/services/okta.js';

/*
 * The Okta connector's connection to this org: requests to Tollgate's own `/api/v1` routes, made in
 * process (Fastify `inject`, no socket) with a credential that exists only in this process's memory.
 * The System Log shows its changes as made by the Okta Workflows connection, as Okta's does.
 */

/** The app instance built for each context (the CLI builds none: no connector there). */
const localApps = new WeakMap<AppContext, FastifyInstance>();

/** Called once by `buildApp`, so that flows run by this server reach its routes. */
export function registerLocalApi(ctx: AppContext, app: FastifyInstance): void {
  localApps.set(ctx, app);
}

/** Random per process, never stored or logged: a stolen database or log cannot replay it. */
const CONNECTION_TOKEN = randomBytes(32).toString('base64url');
const CONNECTION_HEADER = `Bearer ${CONNECTION_TOKEN}`;
const CONNECTION_HEADER_BYTES = Buffer.from(CONNECTION_HEADER);

/**
 * Okta's actor for changes a Workflows connection makes: the "Okta Workflows OAuth" service app
 * (an OAuth client, so `PublicClientApp`, its client id as the alternate id).
 */
export const WORKFLOWS_CONNECTION_ACTOR: LogActor = {
  id: '0oa1tollgate0workflows',
  type: 'PublicClientApp',
  alternateId: '0oa1tollgate0workflows',
  displayName: 'Okta Workflows OAuth',
  detailEntry: null,
};

/** The principal of a request made by the connector (the System Log actor rides along). */
export const WORKFLOWS_CONNECTION_PRINCIPAL: Principal & { actor: LogActor } = {
  userId: WORKFLOWS_CONNECTION_ACTOR.id,
  login: WORKFLOWS_CONNECTION_ACTOR.alternateId,
  displayName: WORKFLOWS_CONNECTION_ACTOR.displayName,
  via: 'api-token',
  actor: WORKFLOWS_CONNECTION_ACTOR,
};

/** Whether an Authorization header carries this process's connector credential (constant time). */
export function isWorkflowsConnection(authorization: string | undefined): boolean {
  if (authorization === undefined || authorization.length !== CONNECTION_HEADER.length) return false;
  return timingSafeEqual(Buffer.from(authorization), CONNECTION_HEADER_BYTES);
}

/** The connector as an internal caller of the management API (handed to identity by the composition root). */
export const workflowsConnectionCaller: InternalCaller = (authorization) => (isWorkflowsConnection(authorization) ? WORKFLOWS_CONNECTION_PRINCIPAL : undefined);

/** This org's own management API for the Okta connector cards, or undefined where no server runs (CLI). */
export function oktaApi(ctx: AppContext): OktaApi | undefined {
  const app = localApps.get(ctx);
  if (!app) return undefined;
  return (request, signal) => sendLocal(app, request, signal);
}

/** Only paths of this org: a relative path, never a URL or a protocol-relative `//host`. */
function checkedPath(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//') || /[\s\\]/.test(path)) throw new Error(`'${path}' is not a relative URL of this org`);
  return path;
}

async function sendLocal(app: FastifyInstance, request: OktaApiRequest, signal: AbortSignal): Promise<OktaApiResponse> {
  signal.throwIfAborted();
  const headers: Record<string, string> = { accept: 'application/json' };
  // The card's own headers, except credentials and framing: the connection decides those.
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (['authorization', 'cookie', 'host', 'content-length', 'transfer-encoding', 'connection'].includes(lower)) continue;
    headers[lower] = value;
  }
  headers.authorization = CONNECTION_HEADER;
  headers['user-agent'] ??= 'Okta-Workflows';
  let payload: string | undefined;
  if (request.body !== undefined && request.body !== null) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('the request was cut off'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const response = await Promise.race([
    app.inject({ method: request.method.toUpperCase() as 'GET', url: checkedPath(request.path), headers, payload, signal }),
    aborted,
  ]);
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { statusCode: response.statusCode, headers: responseHeaders, body: parsedBody(response.body) };
}

function parsedBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
