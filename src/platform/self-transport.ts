import type { FastifyInstance } from 'fastify';
import type { SelfTransport } from './config.js';

/**
 * Serves the server's calls to its own routes through Fastify's `inject`: the request runs every hook,
 * check and handler a socket request runs and gets the same reply bytes, without a loopback connection.
 */
export function injectTransport(app: FastifyInstance): SelfTransport {
  return async ({ method, url, headers, body }) => {
    // As the outbound client sends them on the wire: a keep-alive connection, no User-Agent (inject would add one).
    const sent = { connection: 'keep-alive', ...headers, 'user-agent': headers['user-agent'] };
    const res = await app.inject({ method: method as 'POST', url, headers: sent, payload: body, remoteAddress: '127.0.0.1' });
    const replyHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) replyHeaders[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: res.statusCode, headers: replyHeaders, body: res.rawPayload };
  };
}
