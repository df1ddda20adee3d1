/** Token inline hook (reference §3.2): patches the ID and access tokens. Fails open; never retried. */
import { Type } from '@sinclair/typebox';
import type { InlineHookTypeDefinition } from './hook-type.js';

/** `/claims/<name>[/...]` or exactly `/token/lifetime/expiration`. */
const TokenPatchPath = Type.String({ pattern: '^(/claims/.+|/token/lifetime/expiration)$' });

const TokenPatch = Type.Array(Type.Object({
  op: Type.Union([Type.Literal('add'), Type.Literal('replace'), Type.Literal('remove')]),
  path: TokenPatchPath,
  value: Type.Optional(Type.Unknown()),
}, { additionalProperties: false }));

export const tokenHookType: InlineHookTypeDefinition = {
  type: 'com.okta.oauth2.tokens.transform',
  name: 'Token',
  retries: false,
  failure: 'open',
  commands: {
    'com.okta.identity.patch': TokenPatch,
    'com.okta.access.patch': TokenPatch,
  },
};
