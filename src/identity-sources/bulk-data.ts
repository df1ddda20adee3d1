/**
 * `POST …/sessions/{id}/bulk-upsert` and `…/bulk-delete`: bulk data checked whole against Okta's schemas
 * (BulkUpsertRequestBody, BulkDeleteRequestBody) before anything is stored; a bad request is refused with
 * E0000001 listing every problem, and changes nothing. Stored data waits in the session for start-import.
 */
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { jsonMember } from '../platform/db/json.js';
import { errors } from '../platform/errors.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { isPlainObject } from '../identity/users/users.service.js';
import { appTarget } from '../apps/apps.service.js';
import { getSession, OPEN_STATUSES, sessionTarget, setStatus, wrongSessionStatus, type SessionStatus } from './sessions.service.js';

/** Okta takes at most 200 profiles per bulk request. */
export const MAX_BULK_PROFILES = 200;
const MAX_EXTERNAL_ID = 512;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface UpsertEntry { externalId: string; profile: Record<string, string | null> }

/** IdentitySourceUserProfileForUpsert: length limits, formats and nullability of the base attributes. */
const BASE_ATTRIBUTES: Record<string, { min?: number; max: number; email?: boolean; nullable?: boolean }> = {
  userName: { min: 1, max: 100 },
  email: { min: 5, max: 100, email: true },
  secondEmail: { min: 5, max: 100, email: true, nullable: true },
  firstName: { min: 1, max: 50, nullable: true },
  lastName: { min: 1, max: 50, nullable: true },
  mobilePhone: { max: 100, nullable: true },
  homeAddress: { max: 4096, nullable: true },
};
/** Required by Okta to create a user from the source (IdentitySourceUserProfileForUpsertRequired). */
const REQUIRED_ATTRIBUTES = ['userName', 'email'];

function checkEnvelope(body: unknown, problems: string[]): unknown[] {
  if (!isPlainObject(body)) {
    problems.push('entityType: The request body must be an object with entityType and profiles');
    return [];
  }
  if (body.entityType === undefined || body.entityType === null) problems.push('entityType: The field cannot be left blank');
  else if (body.entityType !== 'USERS') problems.push(`entityType: Does not match required enum value USERS: ${JSON.stringify(body.entityType)}`);
  const profiles = body.profiles;
  if (!Array.isArray(profiles)) {
    problems.push('profiles: The field must be a list of profiles');
    return [];
  }
  if (profiles.length === 0) problems.push('profiles: At least one profile is required');
  if (profiles.length > MAX_BULK_PROFILES) problems.push(`profiles: At most ${MAX_BULK_PROFILES} profiles can be sent in one request; the request has ${profiles.length}`);
  return profiles;
}

function checkExternalId(item: Record<string, unknown>, at: string, seen: Map<string, number>, index: number, problems: string[]): string | undefined {
  const id = item.externalId;
  if (typeof id !== 'string' || id.trim() === '') {
    problems.push(`${at}.externalId: The field cannot be left blank`);
    return undefined;
  }
  if (id.length > MAX_EXTERNAL_ID) problems.push(`${at}.externalId: The value must be at most ${MAX_EXTERNAL_ID} characters`);
  const first = seen.get(id);
  if (first !== undefined) problems.push(`${at}.externalId: '${id}' is also profiles[${first}].externalId`);
  else seen.set(id, index);
  return id;
}

function checkProfile(value: unknown, at: string, problems: string[]): Record<string, string | null> {
  if (!isPlainObject(value)) {
    problems.push(`${at}.profile: The field must be an object of profile attributes`);
    return {};
  }
  const profile: Record<string, string | null> = {};
  for (const [name, v] of Object.entries(value)) {
    const rule = BASE_ATTRIBUTES[name];
    if (!/^[A-Za-z][A-Za-z0-9_]{0,99}$/.test(name)) { problems.push(`${at}.profile.${name}: Not a valid attribute name`); continue; }
    if (v === null) {
      if (rule && !rule.nullable) problems.push(`${at}.profile.${name}: The field cannot be null`);
      else profile[name] = null;
      continue;
    }
    if (typeof v !== 'string') { problems.push(`${at}.profile.${name}: Profile attributes can only be of the string type`); continue; }
    if (rule) {
      if (rule.min !== undefined && v.length < rule.min) problems.push(`${at}.profile.${name}: The value must be at least ${rule.min} characters`);
      if (v.length > rule.max) problems.push(`${at}.profile.${name}: The value must be at most ${rule.max} characters`);
      if (rule.email && v.length >= (rule.min ?? 0) && !EMAIL.test(v)) problems.push(`${at}.profile.${name}: Does not match required pattern: not a valid email address`);
    }
    profile[name] = v;
  }
  for (const name of REQUIRED_ATTRIBUTES) if (!(name in value)) problems.push(`${at}.profile.${name}: The field cannot be left blank`);
  return profile;
}

/** The entries of a BulkUpsertRequestBody, or E0000001 with every problem. */
export function readBulkUpsert(body: unknown): UpsertEntry[] {
  const problems: string[] = [];
  const items = checkEnvelope(body, problems);
  const seen = new Map<string, number>();
  const entries: UpsertEntry[] = [];
  items.slice(0, MAX_BULK_PROFILES).forEach((item, index) => {
    const at = `profiles[${index}]`;
    if (!isPlainObject(item)) { problems.push(`${at}: Each profile must be an object with externalId and profile`); return; }
    const externalId = checkExternalId(item, at, seen, index, problems);
    const profile = checkProfile(item.profile, at, problems);
    if (externalId !== undefined) entries.push({ externalId, profile });
  });
  if (problems.length) throw errors.validation('profiles', problems.slice(0, 50));
  return entries;
}

/** The external ids of a BulkDeleteRequestBody, or E0000001 with every problem. */
export function readBulkDelete(body: unknown): string[] {
  const problems: string[] = [];
  const items = checkEnvelope(body, problems);
  const seen = new Map<string, number>();
  const ids: string[] = [];
  items.slice(0, MAX_BULK_PROFILES).forEach((item, index) => {
    const at = `profiles[${index}]`;
    if (!isPlainObject(item)) { problems.push(`${at}: Each profile must be an object with externalId`); return; }
    const externalId = checkExternalId(item, at, seen, index, problems);
    if (externalId !== undefined) ids.push(externalId);
  });
  if (problems.length) throw errors.validation('profiles', problems.slice(0, 50));
  return ids;
}

/** The Okta user this source linked `externalId` to (its app user profile carries the external id). */
export async function linkedUserId(ctx: AppContext, db: Executor, sourceId: string, externalId: string): Promise<string | undefined> {
  const row = await db.selectFrom('app_users').select('user_id').where('app_id', '=', sourceId)
    .where(sql<boolean>`${jsonMember(ctx.dialect, 'profile', 'externalId')} = ${externalId}`).executeTakeFirst();
  return row?.user_id;
}

type Item = { operation: 'UPSERT' | 'DELETE'; external_id: string; profile: string | null };

/** Appends items to an open session (it becomes IN_PROGRESS) with the bulk event, in one transaction. */
async function appendItems(
  ctx: AppContext, audit: AuditContext, sourceId: string, sessionId: string, items: Item[],
  event: { eventType: string; displayMessage: string; debugData: Record<string, unknown> },
): Promise<void> {
  const { source, session } = await getSession(ctx, audit, sourceId, sessionId);
  if (!OPEN_STATUSES.includes(session.status as SessionStatus)) throw wrongSessionStatus(session, OPEN_STATUSES, 'accept bulk data');
  await ctx.db.transaction().execute(async (trx) => {
    // Okta: a bulk-delete that names no user of this source leaves the session as it was.
    if (items.length > 0 && !(await setStatus(ctx, trx, session, 'IN_PROGRESS', OPEN_STATUSES))) {
      throw wrongSessionStatus({ ...session, status: 'TRIGGERED' }, OPEN_STATUSES, 'accept bulk data');
    }
    const last = await trx.selectFrom('identity_source_session_items').select((eb) => eb.fn.max('seq').as('seq'))
      .where('session_id', '=', session.id).executeTakeFirst();
    const start = Number(last?.seq ?? 0);
    if (items.length > 0) {
      await trx.insertInto('identity_source_session_items').values(items.map((item, i) => ({ session_id: session.id, seq: start + i + 1, ...item }))).execute();
    }
    await recordEvent(ctx, trx, audit, { ...event, target: [appTarget(source), sessionTarget(session)] });
  });
}

/** `bulk-upsert`: stores the profiles for the session's import (`system.identity_sources.bulk_upsert`). */
export async function bulkUpsert(ctx: AppContext, audit: AuditContext, sourceId: string, sessionId: string, body: unknown): Promise<number> {
  const entries = readBulkUpsert(body);
  await appendItems(ctx, audit, sourceId, sessionId,
    entries.map((e) => ({ operation: 'UPSERT', external_id: e.externalId, profile: JSON.stringify(e.profile) })),
    { eventType: 'system.identity_sources.bulk_upsert', displayMessage: 'Upload bulk upsert data', debugData: { profiles: entries.length } });
  return entries.length;
}

/**
 * `bulk-delete`: stores the external ids to deactivate (`system.identity_sources.bulk_delete`). As Okta,
 * only ids of users this source imported are kept; the others are ignored.
 */
export async function bulkDelete(ctx: AppContext, audit: AuditContext, sourceId: string, sessionId: string, body: unknown): Promise<number> {
  const ids = readBulkDelete(body);
  const known: string[] = [];
  for (const id of ids) if (await linkedUserId(ctx, ctx.db, sourceId, id)) known.push(id);
  await appendItems(ctx, audit, sourceId, sessionId,
    known.map((id) => ({ operation: 'DELETE', external_id: id, profile: null })),
    { eventType: 'system.identity_sources.bulk_delete', displayMessage: 'Upload bulk delete data', debugData: { profiles: ids.length, matched: known.length } });
  return ids.length;
}
