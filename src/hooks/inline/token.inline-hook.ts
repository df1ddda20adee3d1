/**
 * Token inline hook, `com.okta.oauth2.tokens.transform` (reference §3.2): called after a custom authorization
 * server minted its tokens and before they go back to the client; patches the ID and access tokens. Fails
 * open (tokens unmodified) on a timeout, a non-200 reply or an invalid patch; an `error` object fails the
 * token request; never retried.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import type { HookCommand, HookReply } from './hook-reply.js';
import { defineInlineHook } from './hook-type.js';
import { callInlineHook, type HookCallResult } from './runner.js';
import { sampleTokenInput, tokenDecision, tokenPreviewProblems, tokensOf } from './token.preview.js';
import { RESERVED_ACCESS_TOKEN_CLAIMS, RESERVED_ID_TOKEN_CLAIMS } from './token/reserved-claims.js';

export const IDENTITY_PATCH = 'com.okta.identity.patch';
export const ACCESS_PATCH = 'com.okta.access.patch';

/** `/claims/<name>[/...]` or exactly `/token/lifetime/expiration`. */
const TokenPatchPath = Type.String({ pattern: '^(/claims/.+|/token/lifetime/expiration)$' });

const TokenPatch = Type.Array(Type.Object({
  op: Type.Union([Type.Literal('add'), Type.Literal('replace'), Type.Literal('remove')]),
  path: TokenPatchPath,
  value: Type.Optional(Type.Unknown()),
}, { additionalProperties: false }));

/** The claims Okta reserves, per token (the token endpoint and the preview pass the same). */
const RESERVED: ReservedClaims = { identity: RESERVED_ID_TOKEN_CLAIMS, access: RESERVED_ACCESS_TOKEN_CLAIMS };

export const tokenHookType = defineInlineHook({
  type: 'com.okta.oauth2.tokens.transform',
  name: 'Token',
  description: 'Adds claims to or changes OAuth 2.0 and OpenID Connect tokens.',
  alias: 'token',
  retries: false,
  failure: 'open',
  commands: {
    [IDENTITY_PATCH]: TokenPatch,
    [ACCESS_PATCH]: TokenPatch,
  },
  buildRequest: (ctx, input: TokenHookInput) => buildTokenHookRequest(ctx, input),
  preview: {
    requestTypes: [''],
    sample: (ctx) => buildTokenHookRequest(ctx, sampleTokenInput(ctx)),
    problems: tokenPreviewProblems,
    options: (payload) => ({ checkReply: tokenReplyCheck(tokensOf(payload), RESERVED) }),
    decide(_ctx, _hook, payload, result) {
      const tokens = tokensOf(payload);
      return tokenDecision(tokenCallOutcome(result, tokens, RESERVED), tokens);
    },
  },
});

/** Okta's allowed range for `/token/lifetime/expiration`, in seconds. */
export const MIN_TOKEN_LIFETIME = 300;
export const MAX_TOKEN_LIFETIME = 86_400;
/** Okta's `error_description` when the hook's error has no summary. */
export const DEFAULT_HOOK_ERROR = 'The callback service returned an error';

/** One token as the hook sees it: its claims and lifetime in seconds. */
export interface TokenPart {
  claims: Record<string, unknown>;
  lifetime: number;
}

export interface TokenHookInput {
  hookId: string;
  /** The endpoint that is minting (the token endpoint URL). */
  source: string;
  request: { id: string; method: string; url: string; ipAddress: string | null };
  protocol: {
    request: Record<string, unknown>;
    issuer: string;
    client: { id: string; name: string; type: 'PUBLIC' | 'CONFIDENTIAL' };
    /** On refresh-token grants: the authorization that started the grant, and the refresh token used. */
    originalGrant?: { authorization?: Record<string, unknown>; refresh_token?: { jti: string } };
  };
  session?: Record<string, unknown>;
  user?: Record<string, unknown>;
  policy: { id: string; rule: { id: string } };
  /** Present only when an ID token is minted. */
  identity?: TokenPart;
  access: TokenPart & { scopes: Record<string, { id: string; action: 'GRANT' }> };
  /** A non-secret id of the refresh token minted with these tokens. */
  refreshTokenJti?: string;
}

export interface ReservedClaims {
  identity: ReadonlySet<string>;
  access: ReadonlySet<string>;
}

export type TokenHookOutcome =
  | { result: 'UNCHANGED'; reason?: string }
  | { result: 'PATCHED'; identity?: TokenPart; access: TokenPart }
  | { result: 'ERROR'; message: string };

/** Okta's token hook request (reference §3.2). */
export function buildTokenHookRequest(ctx: AppContext, input: TokenHookInput): Record<string, unknown> {
  const protocol: Record<string, unknown> = {
    type: 'OAUTH2.0',
    request: input.protocol.request,
    issuer: { uri: input.protocol.issuer },
    client: input.protocol.client,
  };
  if (input.protocol.originalGrant) protocol.OriginalGrant = input.protocol.originalGrant;
  const context: Record<string, unknown> = {
    request: { id: input.request.id, method: input.request.method, url: { value: input.request.url }, ipAddress: input.request.ipAddress },
    protocol,
    ...(input.session ? { session: input.session } : {}),
    ...(input.user ? { user: input.user } : {}),
    policy: input.policy,
  };
  const part = (p: TokenPart) => ({ claims: p.claims, token: { lifetime: { expiration: p.lifetime } } });
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventType: tokenHookType.type,
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: input.source,
    data: {
      context,
      ...(input.identity ? { identity: part(input.identity) } : {}),
      access: { ...part(input.access), scopes: input.access.scopes },
      ...(input.refreshTokenJti ? { refresh_token: { jti: input.refreshTokenJti } } : {}),
    },
  };
}

interface PatchOp {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** RFC 6901 reference tokens of a `/claims/...` path, or undefined when an escape is invalid. */
function pointerSegments(path: string): string[] | undefined {
  const segments = path.slice('/claims/'.length).split('/');
  if (segments.some((s) => /~[^01]|~$/.test(s))) return undefined;
  return segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

/** Applies one patch op to a copy of the token; returns why it is invalid, or undefined. */
function applyOp(token: TokenPart, op: PatchOp, reserved: ReadonlySet<string>): string | undefined {
  if (op.path === '/token/lifetime/expiration') {
    if (op.op !== 'replace') return `the lifetime can only be replaced (op '${op.op}')`;
    const v = op.value;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_TOKEN_LIFETIME || v > MAX_TOKEN_LIFETIME) {
      return `the lifetime must be an integer from ${MIN_TOKEN_LIFETIME} to ${MAX_TOKEN_LIFETIME} seconds`;
    }
    token.lifetime = v;
    return undefined;
  }
  const segments = pointerSegments(op.path);
  if (!segments || segments[0] === '') return `invalid path '${op.path}'`;
  if (reserved.has(segments[0])) return `'${segments[0]}' is a reserved claim`;
  if (op.op === 'remove' && op.value !== undefined && op.value !== null) return 'remove takes no value';
  if (op.op !== 'remove' && op.value === undefined) return `${op.op} needs a value`;
  let parent: unknown = token.claims;
  for (const seg of segments.slice(0, -1)) {
    const next: unknown = Array.isArray(parent) ? parent[Number(seg)]
      : isContainer(parent) && Object.hasOwn(parent, seg) ? (parent as Record<string, unknown>)[seg] : undefined;
    if (!isContainer(next) || (Array.isArray(parent) && !/^(0|[1-9]\d*)$/.test(seg))) return `'${op.path}' does not exist in the token`;
    parent = next;
  }
  const last = segments[segments.length - 1];
  // A copy: later operations change the token in place and must not change the hook's reply (it is read again).
  const value: unknown = structuredClone(op.value);
  if (Array.isArray(parent)) {
    const index = last === '-' && op.op === 'add' ? parent.length : /^(0|[1-9]\d*)$/.test(last) ? Number(last) : -1;
    const limit = op.op === 'add' ? parent.length : parent.length - 1;
    if (index < 0 || index > limit) return `index '${last}' is out of range in '${op.path}'`;
    if (op.op === 'add') parent.splice(index, 0, value);
    else if (op.op === 'replace') parent[index] = value;
    else parent.splice(index, 1);
    return undefined;
  }
  if (!isContainer(parent)) return `'${op.path}' does not exist in the token`;
  const obj = parent as Record<string, unknown>;
  if (op.op !== 'add' && !Object.hasOwn(obj, last)) return `'${op.path}' does not exist in the token (${op.op} needs an existing claim)`;
  if (op.op === 'remove') delete obj[last];
  else obj[last] = value;
  return undefined;
}

/**
 * Applies the reply's patches, all or nothing (Okta: any invalid operation fails the whole patch and the
 * tokens go out unmodified). A command for a token that is not being minted is invalid too.
 */
export function applyTokenPatches(
  tokens: { identity?: TokenPart; access: TokenPart }, commands: HookCommand[], reserved: ReservedClaims,
): { identity?: TokenPart; access: TokenPart } | { invalid: string } {
  const copy = (p: TokenPart): TokenPart => ({ claims: structuredClone(p.claims), lifetime: p.lifetime });
  const out = { identity: tokens.identity ? copy(tokens.identity) : undefined, access: copy(tokens.access) };
  for (const [i, command] of commands.entries()) {
    const identity = command.type === IDENTITY_PATCH;
    const target = identity ? out.identity : out.access;
    if (!target) return { invalid: `commands[${i}]: ${command.type} but no ID token is being minted` };
    for (const [j, op] of (command.value as PatchOp[]).entries()) {
      const problem = applyOp(target, op, identity ? reserved.identity : reserved.access);
      if (problem) return { invalid: `commands[${i}].value[${j}]: ${problem}` };
    }
  }
  return out;
}

/**
 * Runs the token hook through the shared runner. An inactive, missing or non-token hook is skipped
 * (tokens unchanged). Call it outside any open database transaction.
 */
export async function runTokenHook(ctx: AppContext, audit: AuditContext, input: TokenHookInput, reserved: ReservedClaims): Promise<TokenHookOutcome> {
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', input.hookId).executeTakeFirst();
  if (!hook || hook.status !== 'ACTIVE') return { result: 'UNCHANGED', reason: 'The token hook is missing or inactive' };
  if (hook.type !== tokenHookType.type) {
    ctx.log.warn({ hookId: hook.id, type: hook.type }, 'an access policy rule names an inline hook that is not a token hook; skipped');
    return { result: 'UNCHANGED', reason: 'The inline hook is not a token hook' };
  }
  const tokens = { identity: input.identity, access: input.access };
  const { result } = await callInlineHook(ctx, audit, hook, tokenHookType, input, { checkReply: tokenReplyCheck(tokens, reserved) });
  return tokenCallOutcome(result, tokens, reserved);
}

/** The runner's extra check of a token hook reply: a patch that cannot be applied to these tokens fails the call. */
export function tokenReplyCheck(tokens: { identity?: TokenPart; access: TokenPart }, reserved: ReservedClaims): (reply: HookReply) => string | undefined {
  return (reply) => {
    if (reply.error) return undefined;
    const applied = applyTokenPatches(tokens, reply.commands, reserved);
    return 'invalid' in applied ? applied.invalid : undefined;
  };
}

/**
 * What a call (run with `tokenReplyCheck`) decides for these tokens: fail open (UNCHANGED, with the reason)
 * on any failure or a status other than 200, ERROR on an `error` object, else the patched tokens. Pure: the
 * token endpoint and the preview both read the decision from here.
 */
export function tokenCallOutcome(result: HookCallResult, tokens: { identity?: TokenPart; access: TokenPart }, reserved: ReservedClaims): TokenHookOutcome {
  if (!result.ok) return { result: 'UNCHANGED', reason: result.error };
  // Okta: "any status code besides 200" skips the hook; a 204 has nothing to apply either way.
  if (result.status !== 200) return { result: 'UNCHANGED', reason: `The hook answered with HTTP ${result.status}` };
  if (result.reply.error) return { result: 'ERROR', message: result.reply.error.errorSummary || DEFAULT_HOOK_ERROR };
  if (result.reply.commands.length === 0) return { result: 'UNCHANGED' };
  const patched = applyTokenPatches(tokens, result.reply.commands, reserved);
  if ('invalid' in patched) return { result: 'UNCHANGED', reason: patched.invalid };
  return { result: 'PATCHED', ...patched };
}
