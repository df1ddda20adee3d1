/**
 * The management API's inline hook body (OAS `InlineHookCreate` / `InlineHookReplace`): its TypeBox schema
 * and the checks that turn it into what is stored. Every problem found becomes one Okta error cause, so a
 * bad body gets one E0000001 listing all of them, and nothing is written.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import { errors, type ErrorCause } from '../../platform/errors.js';
import { checkOutboundUrl } from '../../platform/http-client.js';
import { RESERVED_HEADERS, type HookChannel, type HookHeader } from '../channel/channel.js';
import { hookTypeNames, hookTypeOf } from './hook-types.js';

/**
 * `T | null`. The non-null branch comes first: Fastify's Ajv coerces types, and a `null` branch tried first
 * would turn a one-element array into its element. (A `null` string member arrives as "", read as absent.)
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const HeaderSchema = Type.Object({ key: Type.String(), value: Type.String() });

const ChannelConfigSchema = Type.Object({
  uri: Type.Optional(Type.String()),
  method: Type.Optional(Nullable(Type.String())),
  headers: Type.Optional(Nullable(Type.Array(HeaderSchema))),
  authScheme: Type.Optional(Nullable(Type.Object({
    type: Type.Optional(Nullable(Type.String())),
    key: Type.Optional(Nullable(Type.String())),
    value: Type.Optional(Nullable(Type.String())),
  }))),
  authType: Type.Optional(Nullable(Type.String())),
  clientId: Type.Optional(Nullable(Type.String())),
  clientSecret: Type.Optional(Nullable(Type.String())),
  tokenUrl: Type.Optional(Nullable(Type.String())),
  scope: Type.Optional(Nullable(Type.String())),
  hookKeyId: Type.Optional(Nullable(Type.String())),
});

export const InlineHookBodySchema = Type.Object({
  name: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  version: Type.Optional(Nullable(Type.String())),
  channel: Type.Optional(Type.Object({
    type: Type.Optional(Type.String()),
    version: Type.Optional(Nullable(Type.String())),
    config: Type.Optional(ChannelConfigSchema),
  })),
});

export type InlineHookBody = Static<typeof InlineHookBodySchema>;
type ChannelConfigBody = Static<typeof ChannelConfigSchema>;

export const SUPPORTED_VERSION = '1.0.0';
const MAX_NAME = 255;
const MAX_SECRET = 4096;
const MAX_HEADERS = 50;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const BAD_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** What a valid body becomes. `secret`: a new value to encrypt, keep the stored one, or none. */
export interface ValidInlineHook {
  name: string;
  /** One of `ctx.inlineHookTypes`. */
  type: string;
  version: string;
  channel: HookChannel;
  secret: { set: string } | 'keep' | 'none';
}

/** The stored hook a body replaces, when it replaces one: its secret may be kept. */
export interface ExistingHook {
  type: string;
  channel: HookChannel;
  hasSecret: boolean;
}

/**
 * Checks a create or replace body. On replace, `type` may be repeated but not changed, and a missing
 * `authScheme.value` / `clientSecret` keeps the stored one when the auth method is the same (so an SDK
 * round trip of GET → change name → PUT works).
 */
export function validateInlineHook(ctx: AppContext, body: InlineHookBody, existing?: ExistingHook): ValidInlineHook {
  const causes: ErrorCause[] = [];
  const fail = (field: string, message: string) => causes.push({ errorSummary: `${field}: ${message}` });

  const name = body.name?.trim() ?? '';
  if (!name) fail('name', 'The field cannot be left blank');
  else if (name.length > MAX_NAME) fail('name', `The name must be at most ${MAX_NAME} characters`);

  let type = existing?.type;
  if (existing) {
    if (body.type !== undefined && body.type !== existing.type) fail('type', 'The type of an inline hook cannot be changed');
  } else if (!body.type) {
    fail('type', 'The field cannot be left blank');
  } else if (!hookTypeNames(ctx).includes(body.type)) {
    fail('type', `Unsupported inline hook type '${body.type}'. Supported types: ${hookTypeNames(ctx).join(', ')}`);
  } else {
    type = body.type;
  }

  const version = body.version || SUPPORTED_VERSION;
  if (version !== SUPPORTED_VERSION) fail('version', `Unsupported version '${version}'. The supported version is ${SUPPORTED_VERSION}`);

  let channel: HookChannel | undefined;
  let secret: ValidInlineHook['secret'] = 'none';
  const ch = body.channel;
  if (!ch) {
    fail('channel', 'The field cannot be left blank');
  } else {
    const channelVersion = ch.version || SUPPORTED_VERSION;
    if (channelVersion !== SUPPORTED_VERSION) fail('channel.version', `Unsupported version '${channelVersion}'. The supported version is ${SUPPORTED_VERSION}`);
    const config = ch.config;
    if (ch.type !== 'HTTP' && ch.type !== 'OAUTH') {
      fail('channel.type', ch.type ? `Unsupported channel type '${ch.type}'. Supported types: HTTP, OAUTH` : 'The field cannot be left blank');
    } else if (!config) {
      fail('channel.config', 'The field cannot be left blank');
    } else {
      const common = commonConfig(ctx, config, fail);
      if (ch.type === 'HTTP') {
        const auth = httpAuth(config, existing, fail);
        const definition = type === undefined ? undefined : hookTypeOf(ctx, type);
        if (!auth.scheme && definition?.requiresAuthScheme) fail('channel.config.authScheme', `A ${definition.name.toLowerCase()} inline hook requires an authScheme`);
        secret = auth.secret;
        checkHeaderClashes(common.headers, auth.scheme ? [auth.scheme.key] : [], fail);
        channel = { type: 'HTTP', version: channelVersion, config: { uri: common.uri, method: 'POST', headers: common.headers, authScheme: auth.scheme } };
      } else {
        const oauth = oauthConfig(ctx, config, existing, fail);
        secret = oauth.secret;
        checkHeaderClashes(common.headers, ['authorization'], fail);
        channel = { type: 'OAUTH', version: channelVersion, config: { uri: common.uri, method: 'POST', headers: common.headers, ...oauth.config, authScheme: null } };
      }
    }
  }

  if (causes.length > 0 || !channel || !type) throw errors.validation(causes[0]?.errorSummary.split(':')[0] ?? 'inlineHook', causes);
  return { name, type, version, channel, secret };
}

type Fail = (field: string, message: string) => void;

function commonConfig(ctx: AppContext, config: ChannelConfigBody, fail: Fail): { uri: string; headers: HookHeader[] } {
  const uri = config.uri ?? '';
  if (!uri) fail('channel.config.uri', 'The field cannot be left blank');
  else {
    const problem = checkOutboundUrl(ctx.config, uri);
    if (problem) fail('channel.config.uri', problem);
  }
  if (config.method && config.method.toUpperCase() !== 'POST') fail('channel.config.method', `Unsupported method '${config.method}'. Inline hooks are called with POST`);

  const headers: HookHeader[] = [];
  const list = config.headers ?? [];
  if (list.length > MAX_HEADERS) fail('channel.config.headers', `At most ${MAX_HEADERS} headers are allowed`);
  const seen = new Set<string>();
  for (const [i, h] of list.entries()) {
    const field = `channel.config.headers[${i}]`;
    const lower = h.key.toLowerCase();
    if (!HEADER_NAME.test(h.key)) fail(`${field}.key`, `'${h.key}' is not a valid header name`);
    else if (RESERVED_HEADERS.has(lower)) fail(`${field}.key`, `The header '${h.key}' is reserved and cannot be set`);
    else if (seen.has(lower)) fail(`${field}.key`, `The header '${h.key}' appears more than once`);
    if (BAD_HEADER_VALUE.test(h.value)) fail(`${field}.value`, 'A header value cannot contain control characters');
    seen.add(lower);
    headers.push({ key: h.key, value: h.value });
  }
  return { uri, headers };
}

function checkHeaderClashes(headers: HookHeader[], authHeaders: string[], fail: Fail): void {
  const auth = new Set(authHeaders.map((h) => h.toLowerCase()));
  headers.forEach((h, i) => {
    if (auth.has(h.key.toLowerCase())) fail(`channel.config.headers[${i}].key`, `The header '${h.key}' is set by the channel's authentication`);
  });
}

function httpAuth(config: ChannelConfigBody, existing: ExistingHook | undefined, fail: Fail): { scheme: { type: 'HEADER'; key: string } | null; secret: ValidInlineHook['secret'] } {
  const a = config.authScheme;
  if (!a) return { scheme: null, secret: 'none' };
  if (!a.type || a.type.toUpperCase() !== 'HEADER') fail('channel.config.authScheme.type', a.type ? `Unsupported authScheme type '${a.type}'. The supported type is HEADER` : 'The field cannot be left blank');
  const key = a.key ?? '';
  if (!key) fail('channel.config.authScheme.key', 'The field cannot be left blank');
  else if (!HEADER_NAME.test(key)) fail('channel.config.authScheme.key', `'${key}' is not a valid header name`);
  else if (RESERVED_HEADERS.has(key.toLowerCase())) fail('channel.config.authScheme.key', `The header '${key}' is reserved and cannot be set`);

  let secret: ValidInlineHook['secret'] = 'none';
  if (a.value != null && a.value !== '') {
    if (a.value.length > MAX_SECRET) fail('channel.config.authScheme.value', `The value must be at most ${MAX_SECRET} characters`);
    else if (BAD_HEADER_VALUE.test(a.value)) fail('channel.config.authScheme.value', 'A header value cannot contain control characters');
    secret = { set: a.value };
  } else if (existing?.channel.type === 'HTTP' && existing.channel.config.authScheme && existing.hasSecret) {
    secret = 'keep';
  } else {
    fail('channel.config.authScheme.value', 'The field cannot be left blank');
  }
  return { scheme: { type: 'HEADER', key }, secret };
}

function oauthConfig(ctx: AppContext, config: ChannelConfigBody, existing: ExistingHook | undefined, fail: Fail) {
  const authType = config.authType;
  if (authType !== 'client_secret_post' && authType !== 'private_key_jwt') {
    fail('channel.config.authType', authType ? `Unsupported authType '${authType}'. Supported: client_secret_post, private_key_jwt` : 'The field cannot be left blank');
  }
  const clientId = config.clientId?.trim() ?? '';
  if (!clientId) fail('channel.config.clientId', 'The field cannot be left blank');
  const tokenUrl = config.tokenUrl ?? '';
  if (!tokenUrl) fail('channel.config.tokenUrl', 'The field cannot be left blank');
  else {
    const problem = checkOutboundUrl(ctx.config, tokenUrl);
    if (problem) fail('channel.config.tokenUrl', problem);
  }
  if (config.authScheme) fail('channel.config.authScheme', 'An OAUTH channel cannot have an authScheme; it must be null');

  let secret: ValidInlineHook['secret'] = 'none';
  let hookKeyId: string | null = null;
  if (authType === 'client_secret_post') {
    if (config.hookKeyId) fail('channel.config.hookKeyId', 'hookKeyId must be null for client_secret_post');
    if (config.clientSecret) {
      if (config.clientSecret.length > MAX_SECRET) fail('channel.config.clientSecret', `The value must be at most ${MAX_SECRET} characters`);
      secret = { set: config.clientSecret };
    } else if (existing?.channel.type === 'OAUTH' && existing.channel.config.authType === 'client_secret_post' && existing.hasSecret) {
      secret = 'keep';
    } else {
      fail('channel.config.clientSecret', 'The field cannot be left blank');
    }
  } else if (authType === 'private_key_jwt') {
    if (config.clientSecret) fail('channel.config.clientSecret', 'clientSecret must be null for private_key_jwt');
    hookKeyId = config.hookKeyId?.trim() || null;
    if (!hookKeyId) fail('channel.config.hookKeyId', 'The field cannot be left blank');
  }
  return {
    secret,
    config: {
      authType: authType === 'private_key_jwt' ? 'private_key_jwt' as const : 'client_secret_post' as const,
      clientId, tokenUrl, scope: config.scope?.trim() || null, hookKeyId,
    },
  };
}
