import path from 'node:path';
import { parseAllowEntry } from './http-client.js';

/** Everything the process is configured with; read once at start from CLI options and the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<file>` or `postgres://…`. */
  databaseUrl: string;
  /** Public base URL, used in `_links`, `Link` headers and hook payloads. */
  issuer: string;
  demo: boolean;
  adminToken?: string;
  adminPassword?: string;
  secretKey?: string;
  /**
   * TOLLGATE_ALLOWED_HOSTS: entries (`host`, `host:port`, `[v6]:port`, `loopback`) that hook and connector
   * URLs may use over plain http, on private addresses and on loopback (src/platform/http-client.ts).
   */
  allowedHosts: string[];
  /** The server's own origins (set at start): its flows' invoke URLs may be called whatever the allow-list says. */
  selfOrigins?: string[];
  /**
   * TOLLGATE_SELF_CALLS: `in-process` (the default) serves a call to one of this server's own invoke URLs
   * (a hook on one of its flows) inside the process, through the same routes, without a loopback socket;
   * `http` sends it over loopback HTTP like any other call.
   */
  selfCalls: 'in-process' | 'http';
  /** How an in-process self call is served (set at start when `selfCalls` is `in-process`). */
  selfTransport?: SelfTransport;
  /** TOLLGATE_LOG_LEVEL (or LOG_LEVEL): trace, debug, info, warn, error, fatal or silent. */
  logLevel: string;
  /** TOLLGATE_LOG_FORMAT: json, pretty, or auto (pretty when stdout is a terminal, else json; the default). */
  logFormat: LogFormat;
  /** TOLLGATE_METRICS_PUBLIC=true: /metrics answers without the admin API token. */
  metricsPublic: boolean;
  /** TOLLGATE_SHUTDOWN_TIMEOUT_MS: how long a SIGTERM/SIGINT shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Where SMS/voice codes go when the telephony hook fails (TOLLGATE_TELEPHONY_FALLBACK_URL, …_AUTHORIZATION). */
  telephonyFallback?: { url: string; authorization?: string };
  /**
   * TOLLGATE_TELEPHONY: `development` turns on the development provider (codes printed on the server's
   * console, never sent), `none` keeps it off even in the demo org; unset: on only in the demo org.
   */
  telephony?: 'development' | 'none';
  /** Whether the development provider takes codes no hook or fallback delivered (resolved at start). */
  telephonyDevelopment: boolean;
  /** Workflows: execution history retention and the invoke rate limit (README, "Workflows"). */
  workflows: WorkflowsConfig;
}

/** Serves one request to the server's own routes without a socket (see platform/http-client.ts). */
export type SelfTransport = (request: {
  method: string;
  /** The path and query. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;

export type LogFormat = 'json' | 'pretty' | 'auto';
const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty', 'auto'];
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export interface WorkflowsConfig {
  /** Executions older than this are deleted (TOLLGATE_EXECUTION_MAX_AGE_DAYS, default 30, as Okta). */
  executionMaxAgeDays: number;
  /** Only the newest this many executions of each flow are kept (TOLLGATE_EXECUTION_MAX_PER_FLOW, default 10000). */
  executionMaxPerFlow: number;
  /** Invocations per second and flow on one instance (TOLLGATE_INVOKE_RATE_LIMIT, default 100; 0: no limit). */
  invokeRatePerSecond: number;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not ${raw}`);
  return value;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T, raw = env[name]): T {
  if (raw === undefined || raw === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${name} must be one of ${allowed.join(', ')}, not ${raw}`);
  return value as T;
}

/** TOLLGATE_ALLOWED_HOSTS, each entry checked: a typo must not silently allow nothing (or something else). */
export function allowedHostsOf(raw: string | undefined): string[] {
  const entries = (raw ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = entries.filter((entry) => !parseAllowEntry(entry));
  if (bad.length) throw new Error(`TOLLGATE_ALLOWED_HOSTS: not a host, host:port, [IPv6]:port or loopback: ${bad.join(', ')}`);
  return entries;
}

/** The shortest TOLLGATE_ADMIN_TOKEN accepted: a token anyone could guess would be the whole API. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

function adminTokenOf(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < MIN_ADMIN_TOKEN_LENGTH || /\s/.test(raw)) {
    throw new Error(`TOLLGATE_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters without spaces (it has ${raw.length}); `
      + 'leave it unset to have one generated');
  }
  return raw;
}

function telephonyOf(raw: string | undefined): Config['telephony'] {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'development' || raw === 'none') return raw;
  throw new Error(`TOLLGATE_TELEPHONY must be development or none, not ${raw}`);
}

export interface ConfigOptions {
  port?: string | number;
  host?: string;
  data?: string;
  databaseUrl?: string;
  issuer?: string;
  demo?: boolean;
}

export function loadConfig(options: ConfigOptions = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(options.port ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${options.port ?? env.PORT}`);
  const dataDir = path.resolve(options.data ?? env.TOLLGATE_DATA_DIR ?? './data');
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'tollgate.db')}`;
  const issuer = (options.issuer ?? env.TOLLGATE_ISSUER ?? `http://localhost:${port}`).replace(/\/+$/, '');
  return {
    port,
    host: options.host ?? env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl,
    issuer,
    demo: options.demo ?? true,
    adminToken: adminTokenOf(env.TOLLGATE_ADMIN_TOKEN),
    adminPassword: env.TOLLGATE_ADMIN_PASSWORD || undefined,
    secretKey: env.TOLLGATE_SECRET_KEY || undefined,
    allowedHosts: allowedHostsOf(env.TOLLGATE_ALLOWED_HOSTS),
    logLevel: oneOf(env, 'TOLLGATE_LOG_LEVEL', LOG_LEVELS, 'info', env.TOLLGATE_LOG_LEVEL || env.LOG_LEVEL),
    logFormat: oneOf(env, 'TOLLGATE_LOG_FORMAT', LOG_FORMATS, 'auto'),
    metricsPublic: oneOf(env, 'TOLLGATE_METRICS_PUBLIC', ['true', 'false'], 'false') === 'true',
    shutdownTimeoutMs: wholeNumber(env, 'TOLLGATE_SHUTDOWN_TIMEOUT_MS', 10_000, 1),
    selfCalls: oneOf(env, 'TOLLGATE_SELF_CALLS', ['in-process', 'http'], 'in-process'),
    workflows: {
      executionMaxAgeDays: wholeNumber(env, 'TOLLGATE_EXECUTION_MAX_AGE_DAYS', 30, 1),
      executionMaxPerFlow: wholeNumber(env, 'TOLLGATE_EXECUTION_MAX_PER_FLOW', 10_000, 1),
      invokeRatePerSecond: wholeNumber(env, 'TOLLGATE_INVOKE_RATE_LIMIT', 100, 0),
    },
    telephony: telephonyOf(env.TOLLGATE_TELEPHONY),
    telephonyDevelopment: env.TOLLGATE_TELEPHONY === 'development',
    telephonyFallback: env.TOLLGATE_TELEPHONY_FALLBACK_URL ? { url: env.TOLLGATE_TELEPHONY_FALLBACK_URL, authorization: env.TOLLGATE_TELEPHONY_FALLBACK_AUTHORIZATION || undefined } : undefined,
  };
}
