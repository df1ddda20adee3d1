import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../platform/context.js';
import { builtInInlineHookTypes as inlineHookTypes, hookTypeNames, hookTypeOf, INLINE_HOOK_TYPES } from './hook-types.js';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('inline hook type registration list', () => {
  it('registers each of the six Okta types exactly once', () => {
    expect([...INLINE_HOOK_TYPES].sort()).toEqual([
      'com.okta.import.transform', 'com.okta.oauth2.tokens.transform', 'com.okta.saml.tokens.transform',
      'com.okta.telephony.provider', 'com.okta.user.credential.password.import', 'com.okta.user.pre-registration',
    ]);
    expect(new Set(INLINE_HOOK_TYPES).size).toBe(inlineHookTypes.length);
  });

  it('gives each type a name, a description, a short name and a preview', () => {
    expect(inlineHookTypes.map((t) => [t.name, t.alias])).toEqual([
      ['Registration', 'registration'], ['Token', 'token'], ['SAML', 'saml'], ['Password Import', 'password-import'],
      ['User Import', 'user-import'], ['Telephony', 'telephony'],
    ]);
    for (const t of inlineHookTypes) {
      expect(t.description, t.type).toMatch(/\.$/);
      expect(t.preview.requestTypes.length, t.type).toBeGreaterThan(0);
    }
  });

  it('registers every *.inline-hook.ts module', async () => {
    const files = fs.readdirSync(here).filter((f) => f.endsWith('.inline-hook.ts'));
    expect(files).toHaveLength(INLINE_HOOK_TYPES.length);
    for (const file of files) {
      const mod = await import(path.join(here, file)) as Record<string, unknown>;
      const declared = Object.values(mod).filter((v): v is { type: string } => !!v && typeof v === 'object' && 'commands' in v && 'failure' in v);
      expect(declared, file).toHaveLength(1);
      expect(inlineHookTypes, file).toContain(declared[0]);
    }
  });

  it('follows Okta\'s retry and failure rules (token and telephony never retry)', () => {
    const rules = Object.fromEntries(inlineHookTypes.map((t) => [t.type, [t.retries, t.failure]]));
    expect(rules).toEqual({
      'com.okta.user.pre-registration': [true, 'closed'],
      'com.okta.oauth2.tokens.transform': [false, 'open'],
      'com.okta.saml.tokens.transform': [true, 'open'],
      'com.okta.user.credential.password.import': [true, 'closed'],
      'com.okta.import.transform': [true, 'open'],
      'com.okta.telephony.provider': [false, 'fallback'],
    });
  });

  it('declares the command catalogue of reference §3.7', () => {
    const commands = Object.fromEntries(inlineHookTypes.map((t) => [t.type, Object.keys(t.commands).sort()]));
    expect(commands).toEqual({
      'com.okta.user.pre-registration': ['com.okta.action.update', 'com.okta.user.profile.update', 'com.okta.user.progressive.profile.update'],
      'com.okta.oauth2.tokens.transform': ['com.okta.access.patch', 'com.okta.identity.patch'],
      'com.okta.saml.tokens.transform': ['com.okta.assertion.patch'],
      'com.okta.user.credential.password.import': ['com.okta.action.update'],
      'com.okta.import.transform': ['com.okta.action.update', 'com.okta.appUser.profile.update', 'com.okta.user.profile.update', 'com.okta.user.update'],
      'com.okta.telephony.provider': ['com.okta.telephony.action'],
    });
    const ctx = { inlineHookTypes } as unknown as AppContext;
    expect(hookTypeOf(ctx, 'com.okta.nope')).toBeUndefined();
    expect(hookTypeOf(ctx, 'com.okta.saml.tokens.transform')?.name).toBe('SAML');
    expect(hookTypeNames(ctx)).toEqual(INLINE_HOOK_TYPES);
  });
});
