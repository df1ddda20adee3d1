/**
 * Local forwarding, the server side (a Tollgate extension):
 * - `GET /api/v1/hookForwarders/connect` (WebSocket, `Authorization: SSWS <token>`): a developer's
 *   `tollgate hook forward` connects out to the server; the server answers `{type: "ready", forwarderId,
 *   relayUrl, secret}` and then sends it `{type: "call", id, body}` for each hook call, which it answers with
 *   `{type: "reply", id, status, contentType, body}`.
 * - `POST /hook-forward/{forwarderId}`: the relay. A hook registered with `relayUrl` as its URI and `secret`
 *   as its Authorization header is called by THE runner like any endpoint (3 s, retries, reply checks); the
 *   relay hands the call to the connected forwarder and answers with its reply. No forwarder connected (or no
 *   answer in time) → 503/504, and the hook's failure rule applies (fails closed, open, or falls back).
 *
 * Forwarders live in the process that accepted their connection: with several instances, a call reaching
 * another instance finds none connected (503).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { WebSocket, WebSocketServer } from 'ws';
import type { AppContext } from '../../platform/context.js';
import { safeEqual } from '../../platform/crypto.js';
import { randomBase62 } from '../../platform/ids.js';
import { principalForToken } from '../../identity/api-tokens/api-tokens.service.js';

export const CONNECT_PATH = '/api/v1/hookForwarders/connect';
/** A relayed call waits at most this long for the forwarder (the runner gives up after 3 s anyway). */
const RELAY_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 1024 * 1024;

interface Pending { resolve: (reply: RelayReply) => void }
interface RelayReply { status: number; contentType?: string; body: string }
interface Forwarder { socket: WebSocket; secret: string; pending: Map<string, Pending> }

function reject(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function hookForwarderRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const forwarders = new Map<string, Forwarder>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((request.url ?? '').split('?')[0] !== CONNECT_PATH) return;
    const match = /^SSWS\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    void (async () => {
      const principal = match ? await principalForToken(ctx, match[1]).catch(() => undefined) : undefined;
      if (!principal) return reject(socket, 401, 'Unauthorized');
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws));
    })();
  };

  const accept = (ws: WebSocket) => {
    const id = `fwd${randomBase62(17)}`;
    const forwarder: Forwarder = { socket: ws, secret: randomBytes(24).toString('base64url'), pending: new Map() };
    forwarders.set(id, forwarder);
    ws.on('message', (data) => {
      let message: { type?: unknown; id?: unknown; status?: unknown; contentType?: unknown; body?: unknown };
      try { message = JSON.parse(String(data)); } catch { return; }
      if (message.type !== 'reply' || typeof message.id !== 'string') return;
      const waiting = forwarder.pending.get(message.id);
      if (!waiting) return;
      forwarder.pending.delete(message.id);
      const status = typeof message.status === 'number' && message.status >= 100 && message.status <= 599 ? message.status : 502;
      waiting.resolve({ status, contentType: typeof message.contentType === 'string' ? message.contentType : undefined, body: typeof message.body === 'string' ? message.body : '' });
    });
    ws.on('close', () => {
      forwarders.delete(id);
      for (const waiting of forwarder.pending.values()) waiting.resolve({ status: 503, body: 'The forwarder disconnected' });
      forwarder.pending.clear();
    });
    ws.send(JSON.stringify({ type: 'ready', forwarderId: id, relayUrl: `${ctx.config.issuer}/hook-forward/${id}`, secret: forwarder.secret }));
  };

  scope.server.on('upgrade', onUpgrade);
  scope.addHook('onClose', async () => {
    scope.server.off('upgrade', onUpgrade);
    for (const f of forwarders.values()) f.socket.terminate();
    wss.close();
  });

  // The relay passes the body on as it came.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  scope.post<{ Params: { forwarderId: string } }>('/hook-forward/:forwarderId', async (request, reply) => {
    const forwarder = forwarders.get(request.params.forwarderId);
    const auth = request.headers.authorization ?? '';
    if (forwarder && !safeEqual(auth, forwarder.secret)) return reply.status(401).send({ errorSummary: 'Invalid forwarder secret' });
    if (!forwarder || forwarder.socket.readyState !== WebSocket.OPEN) {
      return reply.status(503).send({ errorSummary: 'No forwarder is connected for this hook' });
    }
    const id = randomBase62(16);
    const answer = await new Promise<RelayReply>((resolve) => {
      const timer = setTimeout(() => {
        forwarder.pending.delete(id);
        resolve({ status: 504, body: 'The forwarder did not answer in time' });
      }, RELAY_TIMEOUT_MS);
      forwarder.pending.set(id, { resolve: (r) => { clearTimeout(timer); resolve(r); } });
      forwarder.socket.send(JSON.stringify({ type: 'call', id, body: typeof request.body === 'string' ? request.body : '' }));
    });
    if (answer.contentType) reply.header('content-type', answer.contentType);
    return reply.status(answer.status).send(answer.body);
  });
}
