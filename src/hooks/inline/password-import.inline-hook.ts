/**
 * Password import inline hook (reference §3.4): verifies a user's password against a legacy store on first
 * sign-in. Fails closed. The request carries the password in clear text, so the call record drops it.
 */
import { Type } from '@sinclair/typebox';
import type { InlineHookTypeDefinition } from './hook-type.js';

export const passwordImportHookType: InlineHookTypeDefinition = {
  type: 'com.okta.user.credential.password.import',
  name: 'Password Import',
  retries: true,
  failure: 'closed',
  commands: {
    'com.okta.action.update': Type.Object({
      credential: Type.Union([Type.Literal('VERIFIED'), Type.Literal('UNVERIFIED')]),
    }, { additionalProperties: false }),
  },
  redactRequest: redactPassword,
};

/** The request without `data.context.credential.password`. */
function redactPassword(payload: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(payload) as { data?: { context?: { credential?: Record<string, unknown> } } };
  const credential = copy.data?.context?.credential;
  if (credential && 'password' in credential) credential.password = '[redacted]';
  return copy as Record<string, unknown>;
}
