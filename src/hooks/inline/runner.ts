/**
 * The one inline hook runner, for every hook type. It knows nothing type-specific: it sends the request the
 * type module built, applies Okta's transport rules (3 s per attempt, at most one retry on timeout,
 * connection error or 5xx when the type retries, same body and `eventId` on the retry, 3xx not followed,
 * replies of 256 KB or more refused), validates the reply against the type's commands, and records the call
 * (`inline_hook_calls`, `inline_hook.executed`, `inline_hook.response.processed`) in a transaction of its own,
 * so the record survives when the caller's change is rolled back.
 *
 * Call it OUTSIDE any open transaction: on SQLite there is one connection, and the record needs it.
 */
import { performance } from 'node:perf_hooks';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { InlineHooksTable } from '../../platform/db/schema.js';
import { httpRequest, type OutboundResult } from '../../platform/http-client.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { parseChannel, type HookChannel } from '../channel/channel.js';
import { EMPTY_REPLY, parseHookReply, type HookReply } from './hook-reply.js';
import type { InlineHookTypeDefinition } from './hook-type.js';
import { forgetOAuthToken, oauthAccessToken } from './oauth-token.js';

export type InlineHookRow = Selectable<InlineHooksTable>;

/** Okta's per-attempt timeout. */
export const HOOK_TIMEOUT_MS = 3_000;
/** Okta: "the response payload must be less than 256 KB". */
export const MAX_REPLY_BYTES = 256 * 1024 - 1;

export interface RunHookOptions {
  /**
   * An extra check of a reply for this one call, after the command schemas and the type's own
   * `checkReply`. Return why the reply is invalid, or undefined.
   */
  checkReply?: (reply: HookReply) => Promise<string | undefined> | string | undefined;
  /** Per-attempt timeout instead of Okta's 3 s (only `tollgate hook check --timeout-ms`, for its own tests). */
  timeoutMs?: number;
  /**
   * false: a call the toolkit makes to ANOTHER endpoint (replay, shadow): not recorded as a call of the hook,
   * no System Log event, no recorder or shadow copy.
   */
  record?: boolean;
  /** false: an admin's test call (preview, execute): recorded as a call, but not kept by the recorder nor shadowed. */
  toolkit?: boolean;
}

export interface HookCallRecord {
  callId: string;
  attempts: number;
  /** The last HTTP status received, or null when none arrived. */
  status: number | null;
  /** The reply body as received (null when none arrived), and the time of all attempts. */
  replyText: string | null;
  durationMs: number;
}

export type HookCallResult =
  | (HookCallRecord & { ok: true; reply: HookReply; replyJson: unknown })
  | (HookCallRecord & { ok: false; error: string; replyJson?: unknown });

/**
 * Told of every real call after it is recorded (not of the toolkit's own calls, nor of an admin's test
 * calls): the toolkit's recorder and shadow. It must not fail the call: it logs its own problems.
 */
export type InlineHookCallObserver = (
  ctx: AppContext, audit: AuditContext, hook: InlineHookRow, definition: InlineHookTypeDefinition,
  payload: Record<string, unknown>, result: HookCallResult, options: RunHookOptions,
) => Promise<void>;

declare module '../../platform/context.js' {
  interface AppContext {
    /** See InlineHookCallObserver; the composition root hands them in (the runner imports nothing of the toolkit). */
    readonly inlineHookCallObservers: readonly InlineHookCallObserver[];
  }
}

/** Sends `payload` to the hook and returns its validated reply, or why the call failed. Never throws for hook trouble. */
export async function runInlineHook(
  ctx: AppContext,
  audit: AuditContext,
  hook: InlineHookRow,
  definition: InlineHookTypeDefinition,
  payload: Record<string, unknown>,
  options: RunHookOptions = {},
): Promise<HookCallResult> {
  const started = performance.now();
  const channel = parseChannel(hook.channel);
  const body = JSON.stringify(payload);
  const timeoutMs = options.timeoutMs ?? HOOK_TIMEOUT_MS;

  let attempts = 0;
  let response: OutboundResult | undefined;
  let failure: string | undefined;
  const auth = await authHeader(ctx, hook, channel).catch((err: unknown) => {
    ctx.log.error({ err, hookId: hook.id }, 'could not read the secret of an inline hook');
    return { error: "The hook's secret cannot be decrypted (was the secret key changed?)" };
  });
  if ('error' in auth) {
    failure = auth.error;
  } else {
    const headers: Record<string, string> = {};
    for (const h of channel.config.headers) headers[h.key] = h.value;
    Object.assign(headers, auth.headers, { accept: 'application/json', 'content-type': 'application/json' });
    for (;;) {
      attempts += 1;
      response = await httpRequest(ctx.config, {
        method: 'POST', url: channel.config.uri, headers, body, timeoutMs, maxResponseBytes: MAX_REPLY_BYTES,
      });
      const retriable = response.ok ? response.status >= 500 : response.failure === 'timeout' || response.failure === 'network';
      if (!(retriable && definition.retries && attempts < 2)) break;
    }
    // The endpoint refused our access token (revoked, or its keys rotated): the next call fetches a new one.
    if (channel.type === 'OAUTH' && response?.ok && response.status === 401) forgetOAuthToken(hook.id);
  }

  let result: HookCallResult;
  const status = response ? (response.ok ? response.status : response.status ?? null) : null;
  const callId = newId('hookCall');
  const replyText = response?.ok ? response.body : null;
  const durationMs = Math.round(performance.now() - started);
  const base = { callId, attempts, status, replyText, durationMs };
  if (failure || !response) {
    result = { ok: false, ...base, error: failure ?? 'The hook was not called' };
  } else if (!response.ok) {
    result = { ok: false, ...base, error: describeFailure(response, timeoutMs) };
  } else if (response.status >= 300) {
    result = { ok: false, ...base, error: describeStatus(response.status) };
  } else if (response.invalidUtf8) {
    // Decoding would put U+FFFD into profiles and claims: the reply is invalid, and the type's failure rule applies.
    result = { ok: false, ...base, error: 'The reply is not valid UTF-8' };
  } else {
    const parsed = response.status === 204 ? { reply: EMPTY_REPLY } : parseHookReply(definition, response.body);
    if ('invalid' in parsed) {
      result = { ok: false, ...base, error: parsed.invalid, replyJson: parsed.json };
    } else {
      const problem = (await definition.checkReply?.(ctx, parsed.reply, payload)) ?? (await options.checkReply?.(parsed.reply));
      const replyJson = response.body.trim() === '' ? {} : JSON.parse(response.body);
      result = problem
        ? { ok: false, ...base, error: problem, replyJson }
        : { ok: true, ...base, reply: parsed.reply, replyJson };
    }
  }

  if (options.record === false) return result;
  await recordCall(ctx, audit, hook, definition, {
    result,
    request: definition.redact(payload),
    replyText,
    gotSuccessStatus: !!response?.ok && response.status >= 200 && response.status < 300,
    durationMs,
    url: channel.config.uri,
  });
  if (options.toolkit === false) return result;
  for (const observe of ctx.inlineHookCallObservers) await observe(ctx, audit, hook, definition, payload, result, options);
  return result;
}

/**
 * A flow's call: the type's request built from what the flow knows (`definition.buildRequest`), sent through
 * `runInlineHook`. Returns the request too (some outcomes depend on what was asked).
 */
export async function callInlineHook<Input>(
  ctx: AppContext, audit: AuditContext, hook: InlineHookRow, definition: InlineHookTypeDefinition<string, Input>, input: Input,
  options: RunHookOptions = {},
): Promise<{ payload: Record<string, unknown>; result: HookCallResult }> {
  if (!definition.buildRequest) throw new Error(`The inline hook type ${definition.type} declares no buildRequest`);
  const payload = definition.buildRequest(ctx, input, hook);
  return { payload, result: await runInlineHook(ctx, audit, hook, definition, payload, options) };
}

async function authHeader(ctx: AppContext, hook: InlineHookRow, channel: HookChannel): Promise<{ headers: Record<string, string> } | { error: string }> {
  if (channel.type === 'HTTP') {
    const scheme = channel.config.authScheme;
    if (!scheme || !hook.secret_encrypted) return { headers: {} };
    return { headers: { [scheme.key]: ctx.secrets.decrypt(hook.secret_encrypted) } };
  }
  const token = await oauthAccessToken(ctx, hook, channel);
  if ('error' in token) return token;
  return { headers: { authorization: `Bearer ${token.accessToken}` } };
}

function describeFailure(r: Extract<OutboundResult, { ok: false }>, timeoutMs: number): string {
  switch (r.failure) {
    case 'timeout': return `The hook did not answer within ${timeoutMs / 1000} seconds`;
    case 'too_large': return 'The reply is too large: it must be less than 256 KB';
    case 'blocked': return `The hook URL is not allowed: ${r.error}`;
    default: return `Could not reach the hook: ${r.error}`;
  }
}

function describeStatus(status: number): string {
  if (status < 400) return `The hook answered with a redirect (HTTP ${status}); redirects are not followed`;
  return `The hook answered with HTTP ${status}`;
}

interface CallRecordInput {
  result: HookCallResult;
  request: Record<string, unknown>;
  replyText: string | null;
  gotSuccessStatus: boolean;
  durationMs: number;
  url: string;
}

async function recordCall(ctx: AppContext, audit: AuditContext, hook: InlineHookRow, definition: InlineHookTypeDefinition, input: CallRecordInput): Promise<void> {
  const { result } = input;
  const outcome = result.ok ? 'SUCCESS' : 'FAILURE';
  const error = result.ok ? null : result.error;
  ctx.metrics.inlineHookCalls.inc({ type: hook.type, outcome });
  const eventId = typeof input.request.eventId === 'string' ? input.request.eventId : '';
  const target = [{ id: hook.id, type: 'InlineHook', alternateId: definition.type, displayName: hook.name }];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('inline_hook_calls').values({
        id: result.callId,
        hook_id: hook.id,
        hook_type: hook.type,
        event_id: eventId,
        request: JSON.stringify(input.request),
        reply: input.replyText,
        status_code: result.status,
        attempts: result.attempts,
        duration_ms: input.durationMs,
        outcome,
        error,
        created: ctx.clock().toISOString(),
      }).execute();
      await recordEvent(ctx, trx, audit, {
        eventType: 'inline_hook.executed',
        displayMessage: 'Inline hook executed',
        outcome,
        reason: error,
        severity: result.ok ? 'INFO' : 'WARN',
        target,
        debugData: {
          inlineHookId: hook.id, inlineHookType: hook.type, inlineHookCallId: result.callId, eventId, url: input.url,
          statusCode: result.status, attempts: result.attempts, durationMs: input.durationMs, ...(error ? { error } : {}),
        },
      });
      if (input.gotSuccessStatus) {
        await recordEvent(ctx, trx, audit, {
          eventType: 'inline_hook.response.processed',
          displayMessage: 'Inline hook response processed',
          outcome,
          reason: error,
          target,
          debugData: {
            inlineHookId: hook.id, inlineHookType: hook.type, inlineHookCallId: result.callId, eventId,
            ...(error ? { error } : {}),
            debugContext: result.ok ? result.reply.debugContext : debugContextOf(result.replyJson),
          },
        });
      }
    });
  } catch (err) {
    // The hook's outcome still stands: a failure to record it must not change what the user gets.
    ctx.log.error({ err, hookId: hook.id }, 'could not record an inline hook call');
  }
}

function debugContextOf(json: unknown): unknown {
  if (json && typeof json === 'object' && 'debugContext' in json) return (json as { debugContext: unknown }).debugContext ?? null;
  return null;
}
