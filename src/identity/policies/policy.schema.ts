/**
 * Okta's Policy and PolicyRule JSON (`/api/v1/policies`, `/rules`): the routes' response schemas, the
 * types `toOktaPolicy` and `toOktaPolicyRule` build, and the console's. Conditions, settings and actions
 * are Okta objects stored as the admin gave them (validated per type), so they are written as they are.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';

const OpenMap = Type.Record(Type.String(), Type.Unknown());

/** Okta's policy link: `{href, hints: {allow}}`. */
const PolicyLink = Type.Object({ href: Type.String(), hints: Type.Object({ allow: Type.Array(Type.String()) }) });
export type PolicyLink = Static<typeof PolicyLink>;

export const Policy = Type.Object({
  id: Type.String(),
  status: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  priority: Type.Number(),
  system: Type.Boolean(),
  conditions: Type.Unknown(),
  created: Type.String(),
  lastUpdated: Type.String(),
  _links: Type.Record(Type.String(), PolicyLink),
  type: Type.String(),
  /** For the types that have settings. */
  settings: Type.Optional(Type.Unknown()),
});
export type Policy = Static<typeof Policy>;

/** A profile attribute a PROFILE_ENROLLMENT rule asks for. */
export const ProfileAttributeRef = Type.Object({ name: Type.String(), label: Type.String(), required: Type.Boolean() });
export type ProfileAttributeRef = Static<typeof ProfileAttributeRef>;

/** A PROFILE_ENROLLMENT rule's `actions.profileEnrollment` (Okta's, and what else the admin stored). */
export const ProfileEnrollmentAction = Type.Intersect([Type.Object({
  access: Type.String(),
  unknownUserAction: StringEnum(['REGISTER', 'DENY']),
  profileAttributes: Type.Array(ProfileAttributeRef),
  preRegistrationInlineHooks: Nullable(Type.Array(Type.Object({ inlineHookId: Type.String() }))),
  targetGroupIds: Nullable(Type.Array(Type.String())),
  activationRequirements: Type.Optional(Nullable(Type.Object({ emailVerification: Type.Boolean() }))),
  progressiveProfilingAction: Type.Optional(Type.String()),
}), OpenMap]);
export type ProfileEnrollmentAction = Static<typeof ProfileEnrollmentAction>;

export const PolicyRule = Type.Object({
  id: Type.String(),
  status: Type.String(),
  name: Type.String(),
  priority: Type.Number(),
  created: Type.String(),
  lastUpdated: Type.String(),
  system: Type.Boolean(),
  conditions: Type.Unknown(),
  actions: AsIs(Type.Intersect([Type.Object({ profileEnrollment: Type.Optional(ProfileEnrollmentAction) }), OpenMap])),
  _links: Type.Record(Type.String(), PolicyLink),
  type: Type.String(),
});
export type PolicyRule = Static<typeof PolicyRule>;
