/** An event hook's signing secret (`/api/v1/eventHooks/{id}/signingSecrets`, a Tollgate extension). */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../../platform/schema-kit.js';

export const SigningSecret = Type.Object({
  id: Type.String(),
  created: Type.String(),
  expiresAt: Nullable(Type.String()),
  status: StringEnum(['ACTIVE', 'EXPIRED']),
  /** Only in the answer that created it. */
  secret: Type.Optional(Type.String()),
});
export type SigningSecret = Static<typeof SigningSecret>;
