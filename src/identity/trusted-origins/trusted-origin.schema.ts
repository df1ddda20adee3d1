/**
 * Okta's TrustedOrigin JSON (`/api/v1/trustedOrigins`): the routes' response schema and the type
 * `toOktaTrustedOrigin` builds. An origin is stored as JSON and answered with its keys as stored.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';

export const TrustedOriginScope = Type.Object({
  type: StringEnum(['CORS', 'REDIRECT', 'IFRAME_EMBED']),
  /** IFRAME_EMBED only. */
  allowedOktaApps: Type.Optional(Type.Array(Type.String())),
});

const Link = Type.Object({ href: Type.String(), hints: Type.Object({ allow: Type.Array(Type.String()) }) });

export const TrustedOrigin = AsIs(Type.Object({
  id: Type.String(),
  name: Type.String(),
  origin: Type.String(),
  scopes: Type.Array(TrustedOriginScope),
  status: StringEnum(['ACTIVE', 'INACTIVE']),
  created: Type.String(),
  createdBy: Nullable(Type.String()),
  lastUpdated: Type.String(),
  lastUpdatedBy: Nullable(Type.String()),
  _links: Type.Record(Type.String(), Link),
}));
export type TrustedOrigin = Static<typeof TrustedOrigin>;
