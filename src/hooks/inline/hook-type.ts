import type { TSchema } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { HookReply } from './hook-reply.js';

/** The six inline hook types, as Okta spells them in `type` and in the request's `eventType`. */
export const INLINE_HOOK_TYPES = [
  'com.okta.user.pre-registration',
  'com.okta.oauth2.tokens.transform',
  'com.okta.saml.tokens.transform',
  'com.okta.user.credential.password.import',
  'com.okta.import.transform',
  'com.okta.telephony.provider',
] as const;

export type InlineHookTypeName = (typeof INLINE_HOOK_TYPES)[number];

/**
 * What the flow does when the hook fails (timeout, network error, non-2xx, invalid reply):
 * `closed` denies (registration, password import), `open` carries on unchanged (token, SAML, user import),
 * `fallback` hands the work to Tollgate's own provider (telephony).
 */
export type FailureRule = 'closed' | 'open' | 'fallback';

/** One hook type, declared once: the runner and the management API read everything from here. */
export interface InlineHookTypeDefinition {
  type: InlineHookTypeName;
  /** Human name, as the Admin Console shows it. */
  name: string;
  /** Whether a timeout, connection error or 5xx is retried once (token and telephony hooks never retry). */
  retries: boolean;
  failure: FailureRule;
  /** Allowed command `type`s and the TypeBox schema of each command's `value` (reference §3.7). */
  commands: Record<string, TSchema>;
  /**
   * Rules of a reply that the command schemas cannot express (e.g. "only attributes of the user schema").
   * Gets the request that was sent; returns why the reply is invalid, or undefined.
   */
  checkReply?: (ctx: AppContext, reply: HookReply, request: Record<string, unknown>) => Promise<string | undefined> | string | undefined;
  /** What of the request may be stored in the call record (e.g. the password import hook drops the password). */
  redactRequest?: (payload: Record<string, unknown>) => Record<string, unknown>;
}
