/** The tools that work against a running Tollgate call its management API with an API token (SSWS). */
import { ToolError } from './hook-target.js';

export interface ServerOptions {
  server: string;
  token: string;
}

export async function callServer(options: ServerOptions, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const url = `${options.server.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `SSWS ${options.token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch (err) {
    throw new ToolError(`cannot reach ${url}: ${(err as Error).message}`);
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) as Record<string, unknown> : {};
  if (!res.ok) {
    const causes = Array.isArray(json.errorCauses) ? json.errorCauses.map((c: { errorSummary?: string }) => `\n  ${c.errorSummary}`).join('') : '';
    throw new ToolError(`${method} ${path}: HTTP ${res.status} ${String(json.errorSummary ?? text)}${causes}`);
  }
  return json;
}
