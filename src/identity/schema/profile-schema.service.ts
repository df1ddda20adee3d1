import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { jsonMember } from '../../platform/db/json.js';
import { errors, type ErrorCause } from '../../platform/errors.js';
import {
  findUserType, getDefaultUserType, schemaIdForType, schemaRowIdForType, typeIdForSchema, type UserTypeRow,
} from '../user-types/user-types.service.js';
import { BASE_ATTRIBUTES, type SchemaAttribute } from './base-attributes.js';
import { requiredProblem, valueProblem } from './profile-values.js';
import { applySchemaUpdate, type SchemaUpdateBody } from './schema-update.js';
import type { UserSchema } from './user-schema.schema.js';

export type { SchemaAttribute } from './base-attributes.js';

/** Okta's UserSchema JSON (user-schema.schema.ts). */
export type OktaUserSchema = UserSchema;

/** A type's schema as stored: the custom section and the admin's changes to base attributes. */
export interface StoredSchema {
  rowId: string;
  type: UserTypeRow;
  custom: { properties: Record<string, SchemaAttribute>; required: string[] };
  baseOverrides: Record<string, Partial<SchemaAttribute>>;
  created: string;
  lastUpdated: string;
}

/**
 * Which stored schema a path segment names: `default`, or `osc…` (a type's schema id). Returns undefined
 * for an unknown id.
 */
async function resolveSchemaType(ctx: AppContext, db: Executor, schemaId: string): Promise<UserTypeRow | undefined> {
  if (schemaId === 'default') return getDefaultUserType(ctx, db);
  const typeId = typeIdForSchema(schemaId);
  return typeId ? findUserType(ctx, db, typeId) : undefined;
}

export async function loadStoredSchema(ctx: AppContext, db: Executor, type: UserTypeRow): Promise<StoredSchema> {
  const rowId = schemaRowIdForType(type);
  const row = await db.selectFrom('user_schemas').selectAll().where('id', '=', rowId).executeTakeFirst();
  const custom = row ? JSON.parse(row.custom) as { properties?: Record<string, SchemaAttribute>; required?: string[] } : {};
  return {
    rowId,
    type,
    custom: { properties: custom.properties ?? {}, required: custom.required ?? [] },
    baseOverrides: row ? JSON.parse(row.base_overrides) : {},
    created: row?.created ?? type.created,
    lastUpdated: row?.last_updated ?? type.last_updated,
  };
}

/** Loads the schema of a user type (the default type when `typeId` is not given). */
export async function schemaOfType(ctx: AppContext, db: Executor, typeId?: string): Promise<StoredSchema> {
  const type = typeId ? await findUserType(ctx, db, typeId) : await getDefaultUserType(ctx, db);
  if (!type) throw errors.notFound('UserType', typeId);
  return loadStoredSchema(ctx, db, type);
}

/** Base attributes with the admin's overrides applied. */
export function effectiveBase(stored: StoredSchema): Record<string, SchemaAttribute> {
  const out: Record<string, SchemaAttribute> = {};
  for (const [name, attr] of Object.entries(BASE_ATTRIBUTES)) out[name] = { ...attr, ...stored.baseOverrides[name] };
  return out;
}

/** Every attribute of a stored schema, base first, then custom. */
export function allAttributes(stored: StoredSchema): Record<string, SchemaAttribute> {
  return { ...effectiveBase(stored), ...stored.custom.properties };
}

export function toOktaUserSchema(ctx: AppContext, stored: StoredSchema, schemaId: string): OktaUserSchema {
  const base = effectiveBase(stored);
  const isDefault = stored.type.is_default === 1;
  return {
    id: `${ctx.config.issuer}/meta/schemas/user/${schemaId}`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: stored.type.name,
    title: isDefault ? 'Default Okta user' : stored.type.display_name,
    description: stored.type.description ?? undefined,
    lastUpdated: stored.lastUpdated,
    created: stored.created,
    definitions: {
      base: {
        id: '#base', type: 'object', properties: base,
        required: Object.entries(base).filter(([, a]) => a.required).map(([n]) => n),
      },
      custom: { id: '#custom', type: 'object', properties: stored.custom.properties, required: stored.custom.required },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  };
}

/** The JSON served at `/api/v1/meta/schemas/user/{schemaId}` (`default`, or a type's `osc…` id). */
export async function getUserSchema(ctx: AppContext, db: Executor, schemaId = 'default'): Promise<OktaUserSchema> {
  const type = await resolveSchemaType(ctx, db, schemaId);
  if (!type) throw errors.notFound('UserSchema', schemaId);
  return toOktaUserSchema(ctx, await loadStoredSchema(ctx, db, type), schemaId === 'default' ? 'default' : schemaIdForType(type.id));
}

/** Base and custom attribute names of a type's schema (the default type's when `typeId` is not given). */
export async function profileAttributeNames(ctx: AppContext, db: Executor, typeId?: string): Promise<Set<string>> {
  return new Set(Object.keys(allAttributes(await schemaOfType(ctx, db, typeId))));
}

export interface ValidateProfileOptions {
  /** Only check the attributes present (required ones may be absent). */
  partial?: boolean;
  /** The user type whose schema applies (default type when absent). */
  typeId?: string;
  /** For `unique` attributes: the user being updated, whose own value does not count as a duplicate. */
  userId?: string;
}

/**
 * Checks a profile against the schema: unknown attributes, required ones, types, formats, enums and
 * lengths. Returns Okta's causes (`"<attr>: <problem>"`), empty when the profile is valid.
 */
export async function validateProfile(
  ctx: AppContext, db: Executor, profile: Record<string, unknown>, opts: ValidateProfileOptions = {},
): Promise<ErrorCause[]> {
  const stored = await schemaOfType(ctx, db, opts.typeId);
  const attributes = allAttributes(stored);
  const causes: ErrorCause[] = [];
  for (const name of Object.keys(profile)) {
    if (!Object.hasOwn(attributes, name)) causes.push({ errorSummary: `Property name '${name}' is not defined in profile` });
  }
  // Okta lists every blank required field first, then the other problems.
  const checked = Object.entries(attributes).filter(([name]) => !opts.partial || Object.hasOwn(profile, name));
  for (const check of [requiredProblem, valueProblem]) {
    for (const [name, attr] of checked) {
      const problem = check(attr, profile[name], name);
      if (problem) causes.push({ errorSummary: `${name}: ${problem}` });
    }
  }
  for (const [name, attr] of Object.entries(stored.custom.properties)) {
    const value = profile[name];
    if (!attr.unique || value === null || value === undefined || value === '' || typeof value === 'object') continue;
    if (causes.some((c) => c.errorSummary.startsWith(`${name}:`))) continue;
    if (await valueTaken(ctx, db, name, value as string | number | boolean, opts.userId)) {
      causes.push({ errorSummary: `${name}: An object with this field already exists in the current organization` });
    }
  }
  return causes;
}

async function valueTaken(ctx: AppContext, db: Executor, name: string, value: string | number | boolean, exceptUserId?: string): Promise<boolean> {
  const member = jsonMember(ctx.dialect, 'profile', name);
  const matches = typeof value === 'string'
    ? sql<boolean>`lower(${member}) = ${value.toLowerCase()}`
    : sql<boolean>`${member} = ${ctx.dialect === 'postgres' ? String(value) : typeof value === 'boolean' ? Number(value) : value}`;
  let q = db.selectFrom('users').select('id').where(matches);
  if (exceptUserId) q = q.where('id', '<>', exceptUserId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** Throws Okta's E0000001 when the causes are not empty. */
export function throwIfInvalid(causes: ErrorCause[]): void {
  if (causes.length === 0) return;
  const first = causes[0].errorSummary;
  const field = /^Property name '([^']+)'/.exec(first)?.[1] ?? first.split(':')[0];
  throw errors.validation(field, causes);
}

/** Custom attributes' `default` values for the attributes a new profile does not give. */
export async function withSchemaDefaults(ctx: AppContext, db: Executor, profile: Record<string, unknown>, typeId?: string): Promise<Record<string, unknown>> {
  const stored = await schemaOfType(ctx, db, typeId);
  const out = { ...profile };
  for (const [name, attr] of Object.entries(stored.custom.properties)) {
    if (out[name] === undefined && attr.default !== undefined && attr.default !== null) out[name] = attr.default;
  }
  return out;
}

/**
 * Okta's partial schema update (`POST /api/v1/meta/schemas/user/{id}`): adds or changes the custom
 * attributes given, removes those set to null (and their values from every profile of that type), and
 * applies the allowed changes to base attributes. Validates everything before writing.
 */
export async function updateUserSchema(ctx: AppContext, db: Executor, schemaId: string, body: SchemaUpdateBody): Promise<OktaUserSchema> {
  const type = await resolveSchemaType(ctx, db, schemaId);
  if (!type) throw errors.notFound('UserSchema', schemaId);
  const stored = await loadStoredSchema(ctx, db, type);
  const { custom, baseOverrides, removed } = applySchemaUpdate(stored, body);
  const now = ctx.clock().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('user_schemas')
      .set({ custom: JSON.stringify({ id: '#custom', type: 'object', ...custom }), base_overrides: JSON.stringify(baseOverrides), last_updated: now })
      .where('id', '=', stored.rowId).execute();
    for (const name of removed) await removeProfileAttribute(ctx, trx, type.id, name);
  });
  return getUserSchema(ctx, db, schemaId);
}

/** Drops a removed attribute's values from every profile of a type, as Okta does. */
async function removeProfileAttribute(ctx: AppContext, db: Executor, typeId: string, name: string): Promise<void> {
  const stripped = ctx.dialect === 'sqlite'
    ? sql<string>`json_remove(profile, ${'$.' + name})`
    : sql<string>`(profile::jsonb - ${name}::text)::text`;
  await db.updateTable('users').set({ profile: stripped })
    .where('type_id', '=', typeId)
    .where(ctx.dialect === 'sqlite' ? sql<boolean>`json_type(profile, ${'$.' + name}) is not null` : sql<boolean>`jsonb_exists(profile::jsonb, ${name}::text)`)
    .execute();
}
