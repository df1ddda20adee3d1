import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  rawBody: string;
}

export type HookHandler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

export interface HookServer {
  url: string;
  requests: RecordedRequest[];
  /** Replace what the server answers. */
  handle(handler: HookHandler): void;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that a test controls: it records every request and answers as told. */
export async function startHookServer(initial?: HookHandler): Promise<HookServer> {
  let handler: HookHandler = initial ?? ((_req, res) => { res.writeHead(204).end(); });
  const requests: RecordedRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown = rawBody;
      try { body = rawBody ? JSON.parse(rawBody) : undefined; } catch { /* keep raw */ }
      const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, rawBody };
      requests.push(rec);
      try { await handler(rec, res); } catch { if (!res.headersSent) res.writeHead(500).end(); }
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(h) { handler = h; },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answer with JSON. */
export function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}
