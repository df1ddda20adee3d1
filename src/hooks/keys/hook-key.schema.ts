/** Okta's HookKey JSON (`/api/v1/hook-keys`): the routes' response schemas and the type `toOktaHookKey` builds. */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, StringEnum } from '../../platform/schema-kit.js';

/** The public part, as Okta's `_embedded`: the JWK as stored. */
export const HookKeyPublicJwk = AsIs(Type.Object({
  kty: StringEnum(['RSA']),
  alg: Type.String(),
  kid: Type.String(),
  use: Type.Null(),
  e: Type.String(),
  n: Type.String(),
}));
export type HookKeyPublicJwk = Static<typeof HookKeyPublicJwk>;

export const HookKey = Type.Object({
  id: Type.String(),
  keyId: Type.String(),
  name: Type.String(),
  created: Type.String(),
  lastUpdated: Type.String(),
  /** A string, as Okta's schema types it (`format: boolean`). */
  isUsed: StringEnum(['true', 'false']),
  /** With `expand=publickey`. */
  _embedded: Type.Optional(HookKeyPublicJwk),
});
export type HookKey = Static<typeof HookKey>;

/** `GET /api/v1/hook-keys/public/{keyId}`. */
export const HookKeyPublicKey = Type.Object({ _embedded: HookKeyPublicJwk });
export type HookKeyPublicKey = Static<typeof HookKeyPublicKey>;
