import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { UserTypesTable } from '../../platform/db/schema.js';
import { errors } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { UserType } from './user-type.schema.js';

export type UserTypeRow = Selectable<UserTypesTable>;

/** Okta's UserType JSON (user-type.schema.ts). */
export type OktaUserType = UserType;

const TYPE_PREFIX = 'oty';
const SCHEMA_PREFIX = 'osc';

/**
 * Every user type has its own profile schema. Its id is derived from the type's id (`oty…` → `osc…`), so
 * no extra column is needed; the default type's schema row is stored under the id `default`.
 */
export function schemaIdForType(typeId: string): string {
  return SCHEMA_PREFIX + typeId.slice(TYPE_PREFIX.length);
}

export function typeIdForSchema(schemaId: string): string | undefined {
  return schemaId.startsWith(SCHEMA_PREFIX) ? TYPE_PREFIX + schemaId.slice(SCHEMA_PREFIX.length) : undefined;
}

/** The `user_schemas` row that holds a type's schema. */
export function schemaRowIdForType(type: Pick<UserTypeRow, 'id' | 'is_default'>): string {
  return type.is_default ? 'default' : schemaIdForType(type.id);
}

export function toOktaUserType(ctx: AppContext, row: UserTypeRow): OktaUserType {
  const base = ctx.config.issuer;
  return {
    id: row.id,
    displayName: row.display_name,
    name: row.name,
    description: row.description,
    createdBy: row.created_by,
    lastUpdatedBy: row.last_updated_by,
    created: row.created,
    lastUpdated: row.last_updated,
    default: row.is_default === 1,
    _links: {
      self: { href: `${base}/api/v1/meta/types/user/${row.id}` },
      schema: { href: `${base}/api/v1/meta/schemas/user/${schemaIdForType(row.id)}` },
    },
  };
}

export async function getDefaultUserType(_ctx: AppContext, db: Executor): Promise<UserTypeRow> {
  return db.selectFrom('user_types').selectAll().where('is_default', '=', 1).executeTakeFirstOrThrow();
}

export async function findUserType(_ctx: AppContext, db: Executor, typeId: string): Promise<UserTypeRow | undefined> {
  return db.selectFrom('user_types').selectAll().where('id', '=', typeId).executeTakeFirst();
}

export async function getUserType(ctx: AppContext, db: Executor, typeId: string): Promise<UserTypeRow> {
  const row = await findUserType(ctx, db, typeId);
  if (!row) throw errors.notFound('UserType', typeId);
  return row;
}

export async function listUserTypes(_ctx: AppContext, db: Executor): Promise<UserTypeRow[]> {
  return db.selectFrom('user_types').selectAll().orderBy('created', 'asc').orderBy('id', 'asc').execute();
}

export interface UserTypeInput {
  name?: string;
  displayName?: string;
  description?: string | null;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_TYPES = 10; // Okta's limit per org (the default type included).

function checkDisplayName(displayName: unknown, causes: string[]): void {
  if (typeof displayName !== 'string' || displayName.trim() === '') causes.push('displayName: The field cannot be left blank');
  else if (displayName.length > 255) causes.push('displayName: The field is too long');
}

/** Creates a user type and its (empty) profile schema. */
export async function createUserType(ctx: AppContext, db: Executor, actorId: string | null, input: UserTypeInput): Promise<UserTypeRow> {
  const causes: string[] = [];
  if (typeof input.name !== 'string' || input.name === '') causes.push('name: The field cannot be left blank');
  else if (!NAME_PATTERN.test(input.name)) causes.push('name: The name must start with A-Z or a-z and contain only A-Z, a-z, 0-9, or underscore (_) characters');
  else if (input.name.length > 255) causes.push('name: The field is too long');
  checkDisplayName(input.displayName, causes);
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
  const name = input.name as string;
  const clash = await db.selectFrom('user_types').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
  if (clash) throw errors.validation('name', ['name: An object with this field already exists in the current organization']);
  const count = await db.selectFrom('user_types').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_TYPES) throw errors.limitExceeded(`The maximum number of user types (${MAX_TYPES}) has been reached`);

  const now = ctx.clock().toISOString();
  const row: UserTypeRow = {
    id: newId('userType'), name, display_name: input.displayName as string, description: input.description ?? null,
    is_default: 0, created: now, last_updated: now, created_by: actorId, last_updated_by: actorId,
  };
  await db.insertInto('user_types').values(row).execute();
  await db.insertInto('user_schemas').values({
    id: schemaIdForType(row.id),
    custom: JSON.stringify({ id: '#custom', type: 'object', properties: {}, required: [] }),
    base_overrides: '{}', created: now, last_updated: now,
  }).execute();
  return row;
}

/**
 * Updates a user type: `displayName` and `description` (Okta's POST changes what is given, PUT replaces
 * both). The name is read-only after creation: a different name is refused.
 */
export async function updateUserType(
  ctx: AppContext, db: Executor, actorId: string | null, typeId: string, input: UserTypeInput, mode: 'partial' | 'replace',
): Promise<UserTypeRow> {
  const row = await getUserType(ctx, db, typeId);
  const causes: string[] = [];
  if (mode === 'replace' && input.name === undefined) causes.push('name: The field cannot be left blank');
  if (input.name !== undefined && input.name !== row.name) causes.push('name: The name of a user type cannot be changed');
  if (mode === 'replace' || input.displayName !== undefined) checkDisplayName(input.displayName, causes);
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
  const displayName = input.displayName ?? row.display_name;
  const description = mode === 'replace' ? input.description ?? null : input.description !== undefined ? input.description : row.description;
  const now = ctx.clock().toISOString();
  await db.updateTable('user_types')
    .set({ display_name: displayName, description, last_updated: now, last_updated_by: actorId })
    .where('id', '=', typeId).execute();
  return { ...row, display_name: displayName, description, last_updated: now, last_updated_by: actorId };
}

/** Deletes a user type that is not the default and that no user has. */
export async function deleteUserType(ctx: AppContext, db: Executor, typeId: string): Promise<void> {
  const row = await getUserType(ctx, db, typeId);
  if (row.is_default) throw errors.validation('type', ['The default user type cannot be deleted']);
  const inUse = await db.selectFrom('users').select('id').where('type_id', '=', typeId).executeTakeFirst();
  if (inUse) throw errors.validation('type', ['This user type is assigned to users and cannot be deleted']);
  await db.deleteFrom('user_types').where('id', '=', typeId).execute();
  await db.deleteFrom('user_schemas').where('id', '=', schemaIdForType(typeId)).execute();
}
