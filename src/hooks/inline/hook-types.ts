/**
 * THE registration list of inline hook types. Adding a type = one `*.inline-hook.ts` file plus one line
 * here; `hook-types.test.ts` keeps this list complete.
 */
import type { InlineHookTypeDefinition, InlineHookTypeName } from './hook-type.js';
import { passwordImportHookType } from './password-import.inline-hook.js';
import { registrationHookType } from './registration.inline-hook.js';
import { samlHookType } from './saml.inline-hook.js';
import { telephonyHookType } from './telephony.inline-hook.js';
import { tokenHookType } from './token.inline-hook.js';
import { userImportHookType } from './user-import.inline-hook.js';

export const inlineHookTypes: readonly InlineHookTypeDefinition[] = [
  registrationHookType,
  tokenHookType,
  samlHookType,
  passwordImportHookType,
  userImportHookType,
  telephonyHookType,
];

export function hookTypeOf(type: string): InlineHookTypeDefinition | undefined {
  return inlineHookTypes.find((t) => t.type === type);
}

export function isInlineHookType(type: string): type is InlineHookTypeName {
  return hookTypeOf(type) !== undefined;
}
