import type { IncomingMessage } from 'node:http';

/** OAuth endpoint bodies are small forms; anything bigger is refused. */
const LIMIT = 64 * 1024;

/** Reads an `application/x-www-form-urlencoded` body from the raw request (the OAuth routes parse their own). */
export async function readForm(req: IncomingMessage): Promise<Record<string, string> | { error: string }> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > LIMIT) return { error: 'request body too large' };
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  if (type !== 'application/x-www-form-urlencoded') return { error: 'only application/x-www-form-urlencoded bodies are accepted' };
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    if (k in out) return { error: `'${k}' parameter must not be provided twice` };
    out[k] = v;
  }
  return out;
}
