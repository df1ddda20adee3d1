/** SAML assertion inline hook (reference §3.3): patches the assertion. Fails open (original assertion used). */
import { Type } from '@sinclair/typebox';
import type { InlineHookTypeDefinition } from './hook-type.js';

const AssertionPatch = Type.Array(Type.Object({
  op: Type.Union([Type.Literal('add'), Type.Literal('replace')]),
  path: Type.String({ pattern: '^/(subject|authentication|conditions|claims)/.+$' }),
  value: Type.Unknown(),
}, { additionalProperties: false }));

export const samlHookType: InlineHookTypeDefinition = {
  type: 'com.okta.saml.tokens.transform',
  name: 'SAML',
  retries: true,
  failure: 'open',
  commands: {
    'com.okta.assertion.patch': AssertionPatch,
  },
};
