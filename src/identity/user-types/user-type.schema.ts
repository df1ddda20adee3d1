/** Okta's UserType JSON (`/api/v1/meta/types/user`): the routes' response schema and the console's type. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../platform/schema-kit.js';

const Href = Type.Object({ href: Type.String() });

export const UserType = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  createdBy: Nullable(Type.String()),
  lastUpdatedBy: Nullable(Type.String()),
  created: Type.String(),
  lastUpdated: Type.String(),
  default: Type.Boolean(),
  _links: Type.Object({ self: Href, schema: Href }),
});
export type UserType = Static<typeof UserType>;
