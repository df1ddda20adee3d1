/**
 * THE list of Tollgate's inline hook types. Adding a type = one `*.inline-hook.ts` file plus one line here;
 * `hook-types.test.ts` keeps this list complete. The composition root puts the list on the context
 * (`ctx.inlineHookTypes`, these six unless it is given others), and every reader takes it from there.
 */
import type { AppContext } from '../../platform/context.js';
import type { InlineHookTypeDefinition } from './hook-type.js';
import { passwordImportHookType } from './password-import.inline-hook.js';
import { registrationHookType } from './registration.inline-hook.js';
import { samlHookType } from './saml.inline-hook.js';
import { telephonyHookType } from './telephony.inline-hook.js';
import { tokenHookType } from './token.inline-hook.js';
import { userImportHookType } from './user-import.inline-hook.js';

/** Okta's six types, in the order Okta's docs (and the console) list them. */
export const builtInInlineHookTypes = [
  registrationHookType,
  tokenHookType,
  samlHookType,
  passwordImportHookType,
  userImportHookType,
  telephonyHookType,
] as const;

export type InlineHookTypeName = (typeof builtInInlineHookTypes)[number]['type'];

/** The built-in types' names, as Okta spells them. */
export const INLINE_HOOK_TYPES: readonly InlineHookTypeName[] = builtInInlineHookTypes.map((t) => t.type);

declare module '../../platform/context.js' {
  interface AppContext {
    /** The inline hook types this server knows (`builtInInlineHookTypes` unless the composition root was given others). */
    readonly inlineHookTypes: readonly InlineHookTypeDefinition[];
  }
}

export function hookTypeOf(ctx: AppContext, type: string): InlineHookTypeDefinition | undefined {
  return ctx.inlineHookTypes.find((t) => t.type === type);
}

/** The names of the context's types, in order (Okta's "Supported types: …"). */
export function hookTypeNames(ctx: AppContext): string[] {
  return ctx.inlineHookTypes.map((t) => t.type);
}
