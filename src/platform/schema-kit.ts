/**
 * TypeBox pieces for response schemas. Fastify writes an answer with fast-json-stringify from its route's
 * response schema, so these write exactly what JSON.stringify would: an enum is a plain string (a
 * `Type.Literal` is written as its constant whatever the value), an open map is a record (with listed
 * properties, those come first and in the schema's order), and numbers are `Type.Number` (`Type.Integer`
 * rounds). The console imports the types, so schema files import only TypeBox and other schema files.
 * (The suite checks every answer against JSON.stringify: platform/http/response-schema-check.ts.)
 */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** The value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One of the given strings to TypeScript; any string on the wire. */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}): TUnsafe<T[number]> =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/**
 * A JSON object written as it is, keys in their own order: a profile, `_links`, `_embedded`, an Okta
 * object whose shape varies. `T` types it for TypeScript only (say, the properties a reader relies on).
 */
export const OpenObject = <T extends object = Record<string, unknown>>(options: { description?: string } = {}): TUnsafe<T> =>
  Type.Unsafe<T>(Type.Record(Type.String(), Type.Unknown(), options));

/** The keyword that marks a schema written as it is (platform/http/response-serializer.ts). */
export const AS_IS = 'x-as-is';

/**
 * A value written as JSON.stringify writes it, keys in the value's own order, while the schema still
 * documents and types it: Okta objects whose keys come in varying order (a profile attribute built from
 * defaults and overrides, a policy rule's conditions).
 */
export const AsIs = <T extends TSchema>(schema: T): T => ({ ...schema, [AS_IS]: true });

/** Okta's link: `{href, method?}`. */
export const HrefObject = Type.Object({ href: Type.String(), method: Type.Optional(Type.String()) });
export type HrefObject = Static<typeof HrefObject>;

/** Okta's `_links`: link objects by relation. */
export const Links = Type.Record(Type.String(), HrefObject);
