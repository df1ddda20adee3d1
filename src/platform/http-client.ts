/**
 * Outbound HTTP for hooks and connectors: undici with pooled connections, a per-request timeout, a cap on
 * the response size, redirects never followed, and a guard against SSRF.
 *
 * Outbound URL policy. A URL must be `https://` to a public address. The operator opens more with
 * TOLLGATE_ALLOWED_HOSTS, a comma-separated list of entries: `host` (a name or a literal address, any port),
 * `host:port` (`[v6]:port` for IPv6), or `loopback` (every loopback address and `localhost`, any port). An
 * allowed host may use `http://` and private addresses. Loopback (127.0.0.0/8, ::1, `localhost`, in any
 * spelling `URL` accepts: 2130706433, 0x7f.1, [::ffff:127.0.0.1]) is refused unless allowed: another service
 * on the machine is not the hooks' business. Every address a name resolves to is checked when the connection
 * is opened (DNS rebinding cannot slip between a check and the connect): private, link-local, unique-local,
 * CGNAT, "this network", multicast, reserved and the IPv6 transition ranges (64:ff9b::/96, 2002::/16, ::/96,
 * ::ffff:0:0/96, fec0::/10, Teredo) are refused unless the host is allowed; loopback unless `loopback` is.
 * Cloud metadata addresses (169.254.169.254, fd00:ec2::254, …) are refused always, allowed or not.
 * The server allows itself: a URL on its own origin under `/api/flo/` (its flows' invoke URLs, as the demo
 * org's registration hook uses) is called whatever the list says (`selfOrigins`, set at start), and by
 * default inside the process (`selfTransport`): the same route, auth check and reply bytes, the same
 * timeout and size rules, no loopback socket (and no wait behind the requests queued on it).
 */
import dns from 'node:dns';
import net from 'node:net';
import type { Agent } from 'undici';
import type { Config, SelfTransport } from './config.js';

/** What the outbound policy reads from the configuration. */
export type OutboundPolicy = Pick<Config, 'allowedHosts' | 'selfOrigins' | 'selfTransport'>;

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

/** The path under which the server's own flows are invoked (the self-allowance covers only it). */
const SELF_PATH_PREFIX = '/api/flo/';

function subnets(v4: ReadonlyArray<readonly [string, number]>, v6: ReadonlyArray<readonly [string, number]>): net.BlockList {
  const list = new net.BlockList();
  for (const [address, prefix] of v4) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of v6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

/** Ranges refused unless the host is allow-listed (BlockList checks IPv4-mapped IPv6 addresses as IPv4). */
const blockedRanges = subnets([
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.168.0.0', 16], ['192.0.0.0', 24], ['192.0.2.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
], [
  ['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['fec0::', 10], ['100::', 64], ['2001:db8::', 32],
]);

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail included). */
function hextets(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((h) => parseInt(h, 16));
}

function ipv4Of(high: number, low: number): string {
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/**
 * The IPv6 transition ranges, which embed an IPv4 address a gateway may forward to: IPv4-compatible
 * (::a.b.c.d), SIIT (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16), Teredo
 * (2001::/32). Returns the embedded IPv4 address, or undefined when `address` is in none of them.
 * (IPv4-mapped ::ffff:a.b.c.d is not one: BlockList checks it as the IPv4 address it is.)
 */
function transitionIpv4(address: string): string | undefined {
  if (!net.isIPv6(address)) return undefined;
  const h = hextets(address);
  const zero = (from: number, to: number) => h.slice(from, to).every((x) => x === 0);
  if (zero(0, 6) && !(h[6] === 0 && h[7] <= 1)) return ipv4Of(h[6], h[7]);
  if (zero(0, 4) && h[4] === 0xffff && h[5] === 0) return ipv4Of(h[6], h[7]);
  if (h[0] === 0x64 && h[1] === 0xff9b && (zero(2, 6) || h[2] === 1)) return ipv4Of(h[6], h[7]);
  if (h[0] === 0x2002) return ipv4Of(h[1], h[2]);
  if (h[0] === 0x2001 && h[1] === 0) return ipv4Of(h[6] ^ 0xffff, h[7] ^ 0xffff);
  return undefined;
}

const loopbackRanges = (() => {
  const list = subnets([['127.0.0.0', 8]], []);
  list.addAddress('::1', 'ipv6');
  return list;
})();

/** Cloud instance metadata services (AWS, GCP, Azure, Oracle, ECS, Alibaba): never reachable. */
const metadataAddresses = (() => {
  const list = new net.BlockList();
  for (const address of ['169.254.169.254', '169.254.170.2', '100.100.100.200', '169.254.169.253']) list.addAddress(address, 'ipv4');
  for (const address of ['fd00:ec2::254', 'fd00:ec2::23']) list.addAddress(address, 'ipv6');
  return list;
})();

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return net.isIPv6(address) ? 'ipv6' : 'ipv4';
}

/** True for an address hooks may not reach unless allowed (loopback is checked on its own: `isLoopbackAddress`). */
export function isBlockedAddress(address: string): boolean {
  if (loopbackRanges.check(address, familyOf(address))) return false;
  if (transitionIpv4(address) !== undefined) return true;
  return blockedRanges.check(address, familyOf(address)) || metadataAddresses.check(address, familyOf(address));
}

export function isLoopbackAddress(address: string): boolean {
  return net.isIP(address) !== 0 && loopbackRanges.check(address, familyOf(address));
}

export function isMetadataAddress(address: string): boolean {
  if (net.isIP(address) === 0) return false;
  const embedded = transitionIpv4(address);
  return metadataAddresses.check(address, familyOf(address)) || (embedded !== undefined && metadataAddresses.check(embedded, 'ipv4'));
}

function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** A loopback host by name or literal address: `localhost`, `*.localhost`, 127.0.0.0/8, ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = unbracket(hostname.toLowerCase());
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isLoopbackAddress(host);
}

interface AllowEntry {
  /** A name or literal address (lower case, no brackets), or `loopback`. */
  host: string;
  port?: number;
}

/** Parses one TOLLGATE_ALLOWED_HOSTS entry; undefined when it is not one (refused at start by the config). */
export function parseAllowEntry(raw: string): AllowEntry | undefined {
  const entry = raw.trim().toLowerCase();
  if (!entry) return undefined;
  if (net.isIPv6(entry)) return { host: entry };
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(entry);
  const plain = /^([a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(entry);
  const match = bracketed ?? plain;
  if (!match || (bracketed && !net.isIPv6(match[1]))) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  // `URL` spells literal addresses one way (127.1 is 127.0.0.1): compare in that spelling.
  let host = match[1];
  if (!bracketed && host !== 'loopback') {
    try { host = unbracket(new URL(`http://${host}/`).hostname); } catch { return undefined; }
  }
  return { host, port };
}

function allowEntries(config: OutboundPolicy): AllowEntry[] {
  return config.allowedHosts.map(parseAllowEntry).filter((e): e is AllowEntry => e !== undefined);
}

/** Whether `host` (and `port`, when known) is allow-listed by name or address; `loopback` covers loopback hosts. */
function isAllowedHost(config: OutboundPolicy, hostname: string, port?: number): boolean {
  const host = unbracket(hostname.toLowerCase());
  return allowEntries(config).some((e) => (e.host === host || (e.host === 'loopback' && isLoopbackHost(host)))
    && (e.port === undefined || port === undefined || e.port === port));
}

function allowsLoopback(config: OutboundPolicy): boolean {
  return allowEntries(config).some((e) => e.host === 'loopback');
}

/** A URL the server calls on itself: one of its own origins, under its flows' invoke path. */
function isSelfUrl(config: OutboundPolicy, url: URL): boolean {
  return !!config.selfOrigins?.includes(url.origin) && url.pathname.startsWith(SELF_PATH_PREFIX);
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * Checks a hook or connector URL before it is stored or called: at most 1024 characters, no whitespace,
 * absolute http(s) without user info, `https://` unless the host is allow-listed, not loopback nor a
 * literal address in a refused range unless allow-listed, never a metadata address. Returns the problem in
 * words, or undefined when the URL is fine.
 */
export function checkOutboundUrl(config: OutboundPolicy, raw: string): string | undefined {
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
  if (isMetadataAddress(host)) return `The URI points to a cloud metadata address (${host}), which is never allowed`;
  if (isSelfUrl(config, url)) return undefined;
  const allowed = isAllowedHost(config, host, portOf(url));
  if (!allowed && isLoopbackHost(host)) {
    return `The URI points to a loopback host (${host}); add it to TOLLGATE_ALLOWED_HOSTS (for example ${host.includes(':') ? `[${host}]` : host}:${portOf(url)}, or loopback) to allow it`;
  }
  if (url.protocol === 'http:' && !allowed) {
    return 'The URI must use https:// (http:// is accepted only for hosts in TOLLGATE_ALLOWED_HOSTS)';
  }
  if (!allowed && net.isIP(host) !== 0 && isBlockedAddress(host)) {
    return `The URI points to a private or reserved address (${host}); add the host to TOLLGATE_ALLOWED_HOSTS to allow it`;
  }
  return undefined;
}

/**
 * The connect-time check: the first address of `hostname` that may not be reached. Metadata addresses
 * never; for the server's own URLs nothing else is refused; an allow-listed host may reach private and
 * loopback addresses; loopback needs the `loopback` entry. Undefined when every address may be reached.
 */
export function refusedAddress(config: OutboundPolicy, hostname: string, addresses: readonly string[], self = false): string | undefined {
  const metadata = addresses.find((a) => isMetadataAddress(a));
  if (metadata || self) return metadata;
  if (isAllowedHost(config, hostname)) return undefined;
  const loopbackOk = allowsLoopback(config);
  return addresses.find((a) => (isLoopbackAddress(a) ? !loopbackOk : isBlockedAddress(a)));
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for net/tls.connect that refuses hosts resolving to refused addresses (see `refusedAddress`). */
function guardedLookup(config: OutboundPolicy, self: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const bad = refusedAddress(config, hostname, addresses.map((a) => a.address), self);
      if (bad) {
        const refused: NodeJS.ErrnoException = new Error(`Refused to connect to ${hostname} (${bad}): ${isMetadataAddress(bad) ? 'a cloud metadata address' : isLoopbackAddress(bad) ? 'loopback, not in TOLLGATE_ALLOWED_HOSTS' : 'private or reserved address'}`);
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

/** Pooled agents per configuration (the allow-list is part of the agent's connect guard): one for the server's own URLs. */
const agents = new WeakMap<OutboundPolicy, { outside?: Agent; self?: Agent }>();

/**
 * undici, loaded at the first outbound request: about 12 MiB of a server's idle memory that one calling no
 * outside URL (the demo org's hook is served in the process) never needs.
 */
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => (undici ??= import('undici'));

function agentFor({ Agent }: typeof import('undici'), config: OutboundPolicy, self: boolean): Agent {
  let pair = agents.get(config);
  if (!pair) agents.set(config, pair = {});
  const key = self ? 'self' : 'outside';
  return pair[key] ??= new Agent({
    keepAliveTimeout: 4_000,
    connections: 64,
    connect: { lookup: guardedLookup(config, self) as unknown as typeof dns.lookup },
  });
}

/** Closes the pooled connections of a configuration (at server shutdown). */
export async function closeHttpClient(config: OutboundPolicy): Promise<void> {
  const pair = agents.get(config);
  agents.delete(config);
  await Promise.all([pair?.outside?.close(), pair?.self?.close()]);
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
export async function httpRequest(config: OutboundPolicy, req: OutboundRequest): Promise<OutboundResult> {
  const urlProblem = checkOutboundUrl(config, req.url);
  if (urlProblem) return { ok: false, failure: 'blocked', error: urlProblem };
  const url = new URL(req.url);
  const self = isSelfUrl(config, url);
  if (self && config.selfTransport) return selfRequest(config.selfTransport, url, req);

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; controller.abort(); }, req.timeoutMs);
  const abort = () => controller.abort(req.signal?.reason);
  if (req.signal?.aborted) abort();
  else req.signal?.addEventListener('abort', abort, { once: true });
  try {
    const client = await loadUndici();
    const res = await client.request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      dispatcher: agentFor(client, config, self),
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

/** A call to the server's own invoke URL, served in the process with the rules of a real request. */
async function selfRequest(transport: SelfTransport, url: URL, req: OutboundRequest): Promise<OutboundResult> {
  if (req.signal?.aborted) return { ok: false, failure: 'network', error: describe(req.signal.reason).message };
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<OutboundResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, failure: 'timeout', error: `No response within ${req.timeoutMs} ms` }), req.timeoutMs);
    onAbort = () => resolve({ ok: false, failure: 'network', error: describe(req.signal?.reason).message });
    req.signal?.addEventListener('abort', onAbort, { once: true });
  });
  const served = transport({ method: req.method, url: url.pathname + url.search, headers: { ...req.headers, host: url.host }, body: req.body })
    .then((res): OutboundResult => {
      if (res.body.length > req.maxResponseBytes) return { ok: false, failure: 'too_large', status: res.status, error: `The response body is larger than ${req.maxResponseBytes} bytes` };
      return { ok: true, status: res.status, headers: res.headers, ...decodedBody(res.body) };
    }, (err: unknown): OutboundResult => ({ ok: false, failure: 'network', error: describe(err).message }));
  try {
    return await Promise.race([served, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) req.signal?.removeEventListener('abort', onAbort);
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
