/**
 * Okta's User JSON as Tollgate answers it (`/api/v1/users`, a group's members): the routes' response
 * schema, the type `toOktaUser` builds and the console reads. Keys in the order the builder writes them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Links, Nullable, OpenObject, StringEnum } from '../../platform/schema-kit.js';

export const UserStatus = StringEnum(['ACTIVE', 'DEPROVISIONED', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'PROVISIONED', 'RECOVERY', 'STAGED', 'SUSPENDED']);
export type UserStatus = Static<typeof UserStatus>;

/** The profile's own attributes, base and custom, in their stored order. */
export type UserProfile = Record<string, unknown> & { login: string; email?: string; firstName?: string | null; lastName?: string | null };

export const User = Type.Object({
  id: Type.String(),
  status: UserStatus,
  transitioningToStatus: Type.Optional(Type.String()),
  created: Type.String(),
  activated: Nullable(Type.String()),
  statusChanged: Nullable(Type.String()),
  lastLogin: Nullable(Type.String()),
  lastUpdated: Type.String(),
  passwordChanged: Nullable(Type.String()),
  type: Type.Object({ id: Type.String() }),
  profile: OpenObject<UserProfile>(),
  /** Hashes never leave: a password shows as `{}` when set, the recovery question without its answer. */
  credentials: Type.Object({
    password: Type.Optional(Type.Object({})),
    recovery_question: Type.Optional(Type.Object({ question: Type.String() })),
    provider: Type.Object({ type: Type.String(), name: Type.String() }),
  }),
  _links: Links,
});
export type User = Static<typeof User>;

/** `activate` and `reactivate`: the activation link, when no email would carry it. */
export const ActivationToken = Type.Object({ activationUrl: Type.Optional(Type.String()), activationToken: Type.Optional(Type.String()) });
export type ActivationToken = Static<typeof ActivationToken>;

/** `reset_password`: Okta's ResetPasswordToken (empty when an email would carry the link). */
export const ResetPasswordToken = Type.Object({ resetPasswordUrl: Type.Optional(Type.String()) });
export type ResetPasswordToken = Static<typeof ResetPasswordToken>;
