/**
 * Okta's UserSchema JSON (`/api/v1/meta/schemas/user/{schemaId}`): the routes' response schema, the type
 * `toOktaUserSchema` builds and the console reads. An attribute's keys come in the order its defaults,
 * the admin's overrides or the admin's own definition give them, so attributes are written as they are.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';

const Choice = Type.Object({ const: Type.Union([Type.String(), Type.Number()]), title: Type.String() });
const Values = Type.Array(Type.Union([Type.String(), Type.Number()]));

/** One profile attribute, base or custom. */
export const SchemaAttribute = Type.Object({
  title: Type.String(),
  description: Type.Optional(Type.String()),
  type: StringEnum(['string', 'boolean', 'number', 'integer', 'array']),
  required: Type.Optional(Type.Boolean()),
  format: Type.Optional(Type.String()),
  minLength: Type.Optional(Nullable(Type.Number())),
  maxLength: Type.Optional(Nullable(Type.Number())),
  pattern: Type.Optional(Nullable(Type.String())),
  enum: Type.Optional(Nullable(Values)),
  oneOf: Type.Optional(Nullable(Type.Array(Choice))),
  items: Type.Optional(Nullable(Type.Object({
    type: Type.String(), enum: Type.Optional(Values), oneOf: Type.Optional(Type.Array(Choice)),
  }))),
  unique: Type.Optional(Nullable(Type.Boolean())),
  default: Type.Optional(Type.Unknown()),
  mutability: Type.String(),
  scope: Type.String(),
  permissions: Type.Array(Type.Object({ principal: Type.String(), action: Type.String() })),
  master: Nullable(Type.Object({
    type: Type.String(), priority: Type.Optional(Type.Array(Type.Object({ type: Type.String(), value: Type.String() }))),
  })),
  externalName: Type.Optional(Type.String()),
  externalNamespace: Type.Optional(Type.String()),
});
export type SchemaAttribute = Static<typeof SchemaAttribute>;

const SubSchema = <Id extends string>(id: Id) => Type.Object({
  id: StringEnum([id]),
  type: StringEnum(['object']),
  properties: Type.Record(Type.String(), AsIs(SchemaAttribute)),
  required: Type.Array(Type.String()),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  $schema: Type.String(),
  name: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  lastUpdated: Type.String(),
  created: Type.String(),
  definitions: Type.Object({ base: SubSchema('#base'), custom: SubSchema('#custom') }),
  type: StringEnum(['object']),
  properties: Type.Object({ profile: Type.Object({ allOf: Type.Array(Type.Object({ $ref: Type.String() })) }) }),
});
export type UserSchema = Static<typeof UserSchema>;
