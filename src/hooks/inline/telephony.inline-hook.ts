/**
 * Telephony inline hook (reference §3.6): delivers SMS and voice OTPs. Never retried; on failure Tollgate
 * falls back to its own provider. Its command `value` is an array, unlike the other object values.
 */
import { Type } from '@sinclair/typebox';
import type { InlineHookTypeDefinition } from './hook-type.js';

export const telephonyHookType: InlineHookTypeDefinition = {
  type: 'com.okta.telephony.provider',
  name: 'Telephony',
  retries: false,
  failure: 'fallback',
  commands: {
    'com.okta.telephony.action': Type.Array(Type.Object({
      status: Type.Union([Type.Literal('SUCCESSFUL'), Type.Literal('PENDING'), Type.Literal('FAILED')]),
      provider: Type.Optional(Type.String()),
      transactionId: Type.Optional(Type.String()),
      transactionMetadata: Type.Optional(Type.String()),
    }, { additionalProperties: false }), { minItems: 1 }),
  },
};
