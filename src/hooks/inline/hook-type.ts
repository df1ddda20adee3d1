/**
 * How an inline hook type is declared: once, in its own `*.inline-hook.ts` file, with `defineInlineHook`.
 * The runner, the management API, the preview, the toolkit and the console read everything about a type
 * from its declaration (through the registry on the context, `ctx.inlineHookTypes`).
 */
import type { TSchema } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { HookReply } from './hook-reply.js';
import type { HookCallResult, InlineHookRow, RunHookOptions } from './runner.js';
import type { PreviewDecision } from './preview.schema.js';

/**
 * What the flow does when the hook fails (timeout, network error, non-2xx, invalid reply):
 * `closed` denies (registration, password import), `open` carries on unchanged (token, SAML, user import),
 * `fallback` hands the work to Tollgate's own provider (telephony).
 */
export type FailureRule = 'closed' | 'open' | 'fallback';

type Json = Record<string, unknown>;

/** Tollgate's verdict on a reply, for the preview (preview.schema.ts). */
export type { PreviewDecision };

/** How a type is previewed (and checked by `tollgate hook check`, and compared by replay and shadow). */
export interface InlineHookPreviewSpec {
  /** The `requestType`s a sample can be built for; the first is the default ('' = the type has none). */
  requestTypes: readonly string[];
  /** How the console names the request types (a type without a label is shown as is). */
  requestTypeLabels?: Readonly<Record<string, string>>;
  /** A realistic request for the hook, made with the type's own request builder (`requestType` is one of `requestTypes`). */
  sample(ctx: AppContext, hook: InlineHookRow, requestType: string): Promise<Json> | Json;
  /** Why this payload cannot be previewed (`field: message`), empty when it can. Default: none. */
  problems?(payload: Json): string[];
  /** The real flow's runner options for this payload (e.g. its extra reply check). Default: none. */
  options?(payload: Json): RunHookOptions;
  /** What Tollgate would do with the call's result, worded for admins; the type's own outcome function decides. */
  decide(ctx: AppContext, hook: InlineHookRow, payload: Json, result: HookCallResult): PreviewDecision;
}

/** What a type file declares. `Input` is what its flow hands `buildRequest`. */
export interface InlineHookTypeDeclaration<T extends string = string, Input = never> {
  /** As Okta spells it in `type` and in the request's `eventType`. */
  type: T;
  /** Human name, as the Admin Console shows it. */
  name: string;
  /** One sentence for the console: when the hook runs and what it may change. */
  description: string;
  /** The tools' short name (`tollgate hook check --type token`). */
  alias?: string;
  /** Whether a timeout, connection error or 5xx is retried once (token and telephony hooks never retry). */
  retries: boolean;
  failure: FailureRule;
  /**
   * Okta's one-per-org rule of the type, if it has one: at most one hook of the type (`hooks`, password
   * import) or one ACTIVE at a time (`active`, telephony), and the error the management API answers.
   */
  onePerOrg?: { count: 'hooks' | 'active'; message: string };
  /** Whether an HTTP channel must carry an authScheme (telephony: Okta requires one). */
  requiresAuthScheme?: boolean;
  /** Allowed command `type`s and the TypeBox schema of each command's `value` (reference §3.7). */
  commands: Record<string, TSchema>;
  /** Okta's request for this type, from what the flow knows (the hook is the one being called). */
  buildRequest?(ctx: AppContext, input: Input, hook: InlineHookRow): Json;
  /**
   * Rules of a reply that the command schemas cannot express (e.g. "only attributes of the user schema").
   * Gets the request that was sent; returns why the reply is invalid, or undefined.
   */
  checkReply?(ctx: AppContext, reply: HookReply, request: Json): Promise<string | undefined> | string | undefined;
  /** What of the request may be stored in the call record (e.g. the password import hook drops the password). Default: all of it. */
  redact?(payload: Json): Json;
  preview: InlineHookPreviewSpec;
}

/** A declared type, with its defaults filled in. */
export interface InlineHookTypeDefinition<T extends string = string, Input = never> extends InlineHookTypeDeclaration<T, Input> {
  redact(payload: Json): Json;
}

/** Declares an inline hook type; `type` keeps its literal, so the registry can derive the union of names. */
export function defineInlineHook<const T extends string, Input = never>(
  declaration: InlineHookTypeDeclaration<T, Input>,
): InlineHookTypeDefinition<T, Input> {
  return Object.freeze({ redact: (payload: Json) => payload, ...declaration });
}
