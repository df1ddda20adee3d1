/**
 * `tollgate hook forward --type TYPE --to URL --server URL --token TOKEN`: serves a shared Tollgate's hook from
 * a developer's machine behind NAT. Opens ONE outbound WebSocket to the server, registers an inline hook (or
 * re-points `--hook ID`) through the management API whose URI is the server's relay for this connection, and
 * forwards each call to the local endpoint, returning its reply as is (the server's runner then applies
 * Okta's rules to it). When the forwarder goes away the relay answers 503 and the hook's failure rule applies.
 * Ctrl-C deactivates and deletes a hook it created.
 */
import { WebSocket } from 'ws';
import { builtInInlineHookTypes } from '../inline/hook-types.js';
import { CONNECT_PATH } from './forwarder.routes.js';
import { resolveHookType, ToolError } from './hook-target.js';
import { callServer, type ServerOptions } from './server-client.js';

export interface ForwardOptions extends ServerOptions {
  type: string;
  to: string;
  /** `Name: value` headers added to every call to the local endpoint (its own auth). */
  headers: string[];
  name?: string;
  /** Re-point this existing hook instead of creating one. */
  hook?: string;
}

const LOCAL_TIMEOUT_MS = 10_000;

function localHeaders(list: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf(':');
    if (i <= 0) throw new ToolError(`--header '${h}' is not "Name: value"`);
    headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
  }
  return headers;
}

async function callLocal(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; contentType?: string; body: string }> {
  try {
    const res = await fetch(url, {
      method: 'POST', body, signal: AbortSignal.timeout(LOCAL_TIMEOUT_MS),
      headers: { ...headers, accept: 'application/json', 'content-type': 'application/json' },
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? undefined, body: await res.text() };
  } catch (err) {
    return { status: 502, body: `The local endpoint could not be reached: ${(err as Error).message}` };
  }
}

/** Runs until the connection closes or `stop()`; `log` gets one line per event. */
export async function hookForward(options: ForwardOptions, log: (line: string) => void): Promise<{ hookId: string; stop(): Promise<void>; closed: Promise<void> }> {
  const type = resolveHookType(options.type, builtInInlineHookTypes);
  if (type === 'event') throw new ToolError('hook forward serves inline hooks; for event hooks use a public URL (they are verified once by GET)');
  const headers = localHeaders(options.headers);
  const wsUrl = `${options.server.replace(/\/+$/, '').replace(/^http/, 'ws')}${CONNECT_PATH}`;
  const ws = new WebSocket(wsUrl, { headers: { authorization: `SSWS ${options.token}` } });
  const ready = await new Promise<{ forwarderId: string; relayUrl: string; secret: string }>((resolve, reject) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.once('unexpected-response', (_req, res) => reject(new ToolError(`${wsUrl}: HTTP ${res.statusCode}`)));
    ws.once('error', (err) => reject(new ToolError(`cannot connect to ${wsUrl}: ${err.message}`)));
  });

  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id: string; body: string };
    if (message.type !== 'call') return;
    void (async () => {
      const started = Date.now();
      const answer = await callLocal(options.to, headers, message.body);
      let eventType = '';
      try { eventType = String((JSON.parse(message.body) as { eventType?: unknown }).eventType ?? ''); } catch { /* not JSON */ }
      log(`${eventType || 'call'} -> HTTP ${answer.status} in ${Date.now() - started} ms`);
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'reply', id: message.id, ...answer }));
    })();
  });

  const channel = { type: 'HTTP', version: '1.0.0', config: { uri: ready.relayUrl, method: 'POST', headers: [], authScheme: { type: 'HEADER', key: 'Authorization', value: ready.secret } } };
  let hookId: string;
  const created = !options.hook;
  try {
    const hook = options.hook
      ? await callServer(options, 'POST', `/api/v1/inlineHooks/${encodeURIComponent(options.hook)}`, { channel }) as { id: string }
      : await callServer(options, 'POST', '/api/v1/inlineHooks', {
        name: options.name ?? `Forwarder to ${options.to} (${ready.forwarderId})`, type, version: '1.0.0', channel,
      }) as { id: string };
    hookId = hook.id;
  } catch (err) {
    ws.close();
    throw err;
  }
  log(`Forwarding calls of inline hook ${hookId} (${type}) to ${options.to}`);

  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return {
    hookId,
    closed,
    async stop() {
      if (created) {
        await callServer(options, 'POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`).catch(() => undefined);
        await callServer(options, 'DELETE', `/api/v1/inlineHooks/${hookId}`).catch(() => undefined);
      }
      ws.close();
      await closed;
    },
  };
}
