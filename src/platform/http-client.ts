/**
 * Outbound HTTP for hooks and connectors: undici with pooled connections, a per-request timeout, a cap on
 * the response size, redirects never followed, and a guard against SSRF.
 *
 * SSRF policy. A URL must be `https://`, except for loopback hosts and hosts an admin allow-listed
 * (`TOLLGATE_ALLOWED_HOSTS`), which may also use `http://`. Whatever the scheme, every address the host
 * resolves to is checked when the connection is opened (so DNS rebinding between a check and the connect
 * cannot slip through): private, link-local, unique-local, CGNAT, "this network", multicast and reserved
 * ranges are refused unless the host is allow-listed. Loopback (127.0.0.0/8, ::1) is ALLOWED on purpose:
 * running a hook endpoint on the developer's own machine is Tollgate's core use case, and a process that
 * can reach Tollgate's admin API through loopback already runs on the same machine.
 */
import dns from 'node:dns';
import net from 'node:net';
import { Agent, request } from 'undici';
import type { Config } from '../config.js';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Whole-request budget in milliseconds: connect, headers and body. */
  timeoutMs: number;
  /** The largest response body accepted, in bytes; reading stops past it. */
  maxResponseBytes: number;
  /** Aborts the request (its result is then a `network` failure with the signal's reason). */
  signal?: AbortSignal;
}

/** Why a request produced no usable response. */
export type OutboundFailure = 'timeout' | 'network' | 'blocked' | 'too_large';

export type OutboundResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string; /** Set when the body is not valid UTF-8 (`body` then has U+FFFD in its place). */ invalidUtf8?: true }
  | { ok: false; failure: OutboundFailure; error: string; status?: number };

const MAX_URL_LENGTH = 1024;

/** Ranges refused unless the host is allow-listed. Loopback is deliberately absent (see the file comment). */
const blockedRanges = (() => {
  const list = new net.BlockList();
  for (const [address, prefix] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.168.0.0', 16], ['192.0.0.0', 24], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) list.addSubnet(address, prefix, 'ipv4');
  list.addAddress('::', 'ipv6');
  for (const [address, prefix] of [['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) list.addSubnet(address, prefix, 'ipv6');
  return list;
})();

const loopbackRanges = (() => {
  const list = new net.BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  return list;
})();

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return net.isIPv6(address) ? 'ipv6' : 'ipv4';
}

/** True for an address hooks may not reach (IPv4-mapped IPv6 addresses are checked as IPv4 by BlockList). */
export function isBlockedAddress(address: string): boolean {
  return blockedRanges.check(address, familyOf(address));
}

function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** A loopback host by name or literal address: `localhost`, `*.localhost`, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = unbracket(hostname.toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return net.isIP(host) !== 0 && loopbackRanges.check(host, familyOf(host));
}

function isAllowedHost(config: Pick<Config, 'allowedHosts'>, hostname: string): boolean {
  const host = unbracket(hostname.toLowerCase());
  return config.allowedHosts.some((h) => unbracket(h) === host);
}

/**
 * Checks a hook or connector URL before it is stored or called: at most 1024 characters, no whitespace,
 * absolute http(s) without user info, `https://` unless the host is loopback or allow-listed, and not a
 * literal address in a refused range. Returns the problem in words, or undefined when the URL is fine.
 */
export function checkOutboundUrl(config: Pick<Config, 'allowedHosts'>, raw: string): string | undefined {
  if (raw.length === 0) return 'The URI cannot be empty';
  if (raw.length > MAX_URL_LENGTH) return `The URI must be at most ${MAX_URL_LENGTH} characters`;
  if (/\s/.test(raw)) return 'The URI must not contain whitespace';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URI is not a valid absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URI must use https://';
  if (url.username || url.password) return 'The URI must not contain user credentials';
  const host = unbracket(url.hostname);
  const allowed = isAllowedHost(config, host);
  if (url.protocol === 'http:' && !allowed && !isLoopbackHost(host)) {
    return 'The URI must use https:// (http:// is accepted only for loopback hosts and allow-listed hosts)';
  }
  if (!allowed && net.isIP(host) !== 0 && isBlockedAddress(host)) {
    return `The URI points to a private or reserved address (${host}); add the host to TOLLGATE_ALLOWED_HOSTS to allow it`;
  }
  return undefined;
}

/**
 * The connect-time check: the first address of `hostname` in a refused range, unless the host is
 * allow-listed. Undefined when every address may be reached.
 */
export function refusedAddress(config: Pick<Config, 'allowedHosts'>, hostname: string, addresses: readonly string[]): string | undefined {
  if (isAllowedHost(config, hostname)) return undefined;
  return addresses.find((a) => isBlockedAddress(a));
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls.connect that refuses hosts resolving to refused ranges (see `refusedAddress`). */
function guardedLookup(config: Pick<Config, 'allowedHosts'>) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = refusedAddress(config, hostname, addresses.map((a) => a.address));
      if (bad) {
        const refused: NodeJS.ErrnoException = new Error(`Refused to connect to ${hostname} (${bad}): private or reserved address`);
        refused.code = 'ETOLLGATEBLOCKED';
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}

/** One pooled agent per configuration (the allow-list is part of the agent's connect guard). */
const agents = new WeakMap<Pick<Config, 'allowedHosts'>, Agent>();

function agentFor(config: Pick<Config, 'allowedHosts'>): Agent {
  let agent = agents.get(config);
  if (!agent) {
    agent = new Agent({
      keepAliveTimeout: 4_000,
      connections: 64,
      connect: { lookup: guardedLookup(config) as unknown as typeof dns.lookup },
    });
    agents.set(config, agent);
  }
  return agent;
}

/** Closes the pooled connections of a configuration (at server shutdown). */
export async function closeHttpClient(config: Pick<Config, 'allowedHosts'>): Promise<void> {
  const agent = agents.get(config);
  agents.delete(config);
  await agent?.close();
}

function describe(err: unknown): { code?: string; message: string } {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? e?.code;
  return { code, message: e?.cause?.message ?? e?.message ?? String(err) };
}

/**
 * Sends one request and reads the reply. Never throws for network trouble: the result says what happened.
 * Any status is `ok: true` (the caller decides what a 3xx, 4xx or 5xx means); a body larger than
 * `maxResponseBytes` is `too_large`.
 */
export async function httpRequest(config: Pick<Config, 'allowedHosts'>, req: OutboundRequest): Promise<OutboundResult> {
  const urlProblem = checkOutboundUrl(config, req.url);
  if (urlProblem) return { ok: false, failure: 'blocked', error: urlProblem };

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, req.timeoutMs);
  const abort = () => controller.abort(req.signal?.reason);
  if (req.signal?.aborted) abort();
  else req.signal?.addEventListener('abort', abort, { once: true });
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher: agentFor(config),
      signal: controller.signal,
      // No redirect interceptor is installed: undici's request() never follows redirects.
    });
    // Abandoning the body (size limit) destroys it; that abort is expected, not an unhandled error.
    res.body.on('error', () => {});
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;

    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > req.maxResponseBytes) {
      res.body.destroy();
      return { ok: false, failure: 'too_large', status: res.statusCode, error: `The response body is larger than ${req.maxResponseBytes} bytes` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > req.maxResponseBytes) {
        res.body.destroy();
        return { ok: false, failure: 'too_large', status: res.statusCode, error: `The response body is larger than ${req.maxResponseBytes} bytes` };
      }
      chunks.push(buf);
    }
    return { ok: true, status: res.statusCode, headers, ...decodedBody(Buffer.concat(chunks)) };
  } catch (err) {
    if (timedOut) return { ok: false, failure: 'timeout', error: `No response within ${req.timeoutMs} ms` };
    const { code, message } = describe(err);
    if (code === 'ETOLLGATEBLOCKED') return { ok: false, failure: 'blocked', error: message };
    return { ok: false, failure: 'network', error: code ? `${code}: ${message}` : message };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', abort);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as text; bytes that are not UTF-8 are flagged (a hook reply with them is refused), not silently replaced. */
function decodedBody(bytes: Buffer): { body: string; invalidUtf8?: true } {
  try {
    return { body: strictUtf8.decode(bytes) };
  } catch {
    return { body: bytes.toString('utf8'), invalidUtf8: true };
  }
}
