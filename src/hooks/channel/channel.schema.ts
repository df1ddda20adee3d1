/**
 * The stored (and returned) channel of an inline or event hook, as TypeBox: the routes' response schemas
 * and the console's types. Secrets are never part of it. Channels are answered as they were stored.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../platform/schema-kit.js';

export const HookHeader = Type.Object({ key: Type.String(), value: Type.String() });
export type HookHeader = Static<typeof HookHeader>;

/** A custom header carries the secret: `{type: 'HEADER', key}` (the value is write-only). */
export const HeaderAuthScheme = Type.Object({ type: StringEnum(['HEADER']), key: Type.String() });

export const HttpChannel = Type.Object({
  type: StringEnum(['HTTP']),
  version: Type.String(),
  config: Type.Object({
    uri: Type.String(),
    method: StringEnum(['POST']),
    headers: Type.Array(HookHeader),
    authScheme: Nullable(HeaderAuthScheme),
  }),
});
export type HttpChannel = Static<typeof HttpChannel>;

/** Tollgate's OAuth 2.0 channel (Okta's `OAUTH` inline hook channel): a client credentials token per call. */
export const OAuthChannel = Type.Object({
  type: StringEnum(['OAUTH']),
  version: Type.String(),
  config: Type.Object({
    uri: Type.String(),
    method: StringEnum(['POST']),
    headers: Type.Array(HookHeader),
    authType: StringEnum(['client_secret_post', 'private_key_jwt']),
    clientId: Type.String(),
    tokenUrl: Type.String(),
    scope: Nullable(Type.String()),
    hookKeyId: Nullable(Type.String()),
    authScheme: Type.Null(),
  }),
});
export type OAuthChannel = Static<typeof OAuthChannel>;

export const HookChannel = Type.Union([HttpChannel, OAuthChannel]);
export type HookChannel = Static<typeof HookChannel>;
