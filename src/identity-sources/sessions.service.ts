/**
 * Identity source sessions (Okta's Identity Sources API): a session is opened, bulk data is uploaded into
 * it (bulk-data.ts), and start-import runs it (session-import.ts). An identity source has at most one open
 * session (CREATED or IN_PROGRESS); an open session left alone for 24 hours EXPIRES. Every change writes its
 * System Log event in the same transaction.
 */
import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor, Trx } from '../platform/db/index.js';
import type { IdentitySourceSessionsTable } from '../platform/db/tables/identity-sources.js';
import { errors, OktaError } from '../platform/errors.js';
import { randomBase62 } from '../platform/ids.js';
import type { AuditContext, LogTarget } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { isUniqueViolation } from '../identity/users/users.service.js';
import type { AppRow } from '../apps/app-kind.js';
import { appTarget, findApp } from '../apps/apps.service.js';
import { IDENTITY_SOURCE_SIGN_ON_MODE } from '../apps/identity-source.app-kind.js';

export type SessionRow = Selectable<IdentitySourceSessionsTable>;
export type SessionStatus = 'CREATED' | 'IN_PROGRESS' | 'TRIGGERED' | 'COMPLETED' | 'ERROR' | 'CLOSED' | 'EXPIRED';

/** Statuses in which bulk data may still be uploaded (Okta: "open" sessions). */
export const OPEN_STATUSES: readonly SessionStatus[] = ['CREATED', 'IN_PROGRESS'];
/** Okta expires an open session after 24 hours of inactivity. */
export const SESSION_IDLE_MS = 24 * 60 * 60 * 1000;

export function newSessionId(): string {
  return 'aps' + randomBase62(17);
}

/** The Custom Identity Source app `id`, or Okta's 404 (any other app is no identity source). */
export async function getIdentitySource(db: Executor, id: string): Promise<AppRow> {
  const app = await findApp(db, id);
  if (!app || app.sign_on_mode !== IDENTITY_SOURCE_SIGN_ON_MODE) throw errors.notFound('IdentitySource', id);
  return app;
}

export function sessionTarget(session: Pick<SessionRow, 'id'>): LogTarget {
  return { id: session.id, type: 'IdentitySourceSession', alternateId: session.id, displayName: session.id };
}

/** The session JSON (IdentitySourceSession). */
export function toOktaSession(session: SessionRow) {
  return {
    id: session.id,
    identitySourceId: session.identity_source_id,
    status: session.status,
    importType: session.import_type,
    created: session.created,
    lastUpdated: session.last_updated,
  };
}

/** Marks this source's open sessions idle for 24 hours EXPIRED, with `system.import.session.expired`. */
export async function expireIdleSessions(ctx: AppContext, audit: AuditContext, source: AppRow): Promise<void> {
  const before = new Date(ctx.clock().getTime() - SESSION_IDLE_MS).toISOString();
  const idle = await ctx.db.selectFrom('identity_source_sessions').selectAll().where('identity_source_id', '=', source.id)
    .where('status', 'in', OPEN_STATUSES).where('last_updated', '<', before).execute();
  for (const session of idle) {
    await ctx.db.transaction().execute(async (trx) => {
      const changed = await setStatus(ctx, trx, session, 'EXPIRED', OPEN_STATUSES);
      if (!changed) return;
      await recordEvent(ctx, trx, audit, {
        eventType: 'system.import.session.expired', displayMessage: 'Import session for identity source expired',
        target: [appTarget(source), sessionTarget(session)],
      });
    });
  }
}

/**
 * Moves a session to `status` if it is still in one of `from` (another request may have moved it meanwhile);
 * the updated row, or undefined when it had moved.
 */
export async function setStatus(
  ctx: AppContext, trx: Trx, session: SessionRow, status: SessionStatus, from: readonly SessionStatus[], extra: Partial<SessionRow> = {},
): Promise<SessionRow | undefined> {
  const now = ctx.clock().toISOString();
  const result = await trx.updateTable('identity_source_sessions').set({ ...extra, status, last_updated: now })
    .where('id', '=', session.id).where('status', 'in', from).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return { ...session, ...extra, status, last_updated: now };
}

function openSessionExists(sourceId: string, openId?: string): OktaError {
  return errors.validation('identitySourceSession', [
    `identitySourceSession: The identity source ${sourceId} already has an open session${openId ? ` (${openId})` : ''}: upload to it and start its import, or delete it, before creating another`,
  ]);
}

/** `POST …/sessions`: a new CREATED session, with `system.import.session.created`. */
export async function createSession(ctx: AppContext, audit: AuditContext, sourceId: string): Promise<SessionRow> {
  const source = await getIdentitySource(ctx.db, sourceId);
  if (source.status !== 'ACTIVE') {
    throw errors.validation('identitySource', [`identitySource: The identity source ${source.id} is not active: activate the app before importing from it`]);
  }
  await expireIdleSessions(ctx, audit, source);
  const open = await ctx.db.selectFrom('identity_source_sessions').select('id').where('identity_source_id', '=', source.id)
    .where('status', 'in', OPEN_STATUSES).executeTakeFirst();
  if (open) throw openSessionExists(source.id, open.id);
  const now = ctx.clock().toISOString();
  const session: SessionRow = {
    id: newSessionId(), identity_source_id: source.id, status: 'CREATED', import_type: 'INCREMENTAL',
    import_job_id: null, error: null, created: now, last_updated: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('identity_source_sessions').values(session).execute();
      await recordEvent(ctx, trx, audit, {
        eventType: 'system.import.session.created', displayMessage: 'Create new import session for identity source',
        target: [appTarget(source), sessionTarget(session)],
      });
    });
  } catch (e) {
    // The partial unique index settles two creates racing.
    if (isUniqueViolation(e)) throw openSessionExists(source.id);
    throw e;
  }
  return session;
}

/** `GET …/sessions`: the source's sessions, oldest first. */
export async function listSessions(ctx: AppContext, audit: AuditContext, sourceId: string): Promise<SessionRow[]> {
  const source = await getIdentitySource(ctx.db, sourceId);
  await expireIdleSessions(ctx, audit, source);
  return ctx.db.selectFrom('identity_source_sessions').selectAll().where('identity_source_id', '=', source.id)
    .orderBy('created').orderBy('id').execute();
}

/** The session `sessionId` of source `sourceId`, or Okta's 404. */
export async function getSession(ctx: AppContext, audit: AuditContext, sourceId: string, sessionId: string): Promise<{ source: AppRow; session: SessionRow }> {
  const source = await getIdentitySource(ctx.db, sourceId);
  await expireIdleSessions(ctx, audit, source);
  const session = await ctx.db.selectFrom('identity_source_sessions').selectAll().where('id', '=', sessionId)
    .where('identity_source_id', '=', source.id).executeTakeFirst();
  if (!session) throw errors.notFound('IdentitySourceSession', sessionId);
  return { source, session };
}

/** Okta's answer when a session is not in a status that allows the operation. */
export function wrongSessionStatus(session: SessionRow, allowed: readonly SessionStatus[], what: string): OktaError {
  return errors.validation('identitySourceSession', [
    `identitySourceSession: Session=${session.id} should be in ${allowed.join(' or ')} status in order to ${what}; it is ${session.status}`,
  ]);
}

/**
 * `DELETE …/sessions/{id}`: cancels an open session (it becomes CLOSED and its uploaded data is dropped),
 * with `system.import.session.cancelled`. A session already triggered or ended cannot be deleted.
 */
export async function deleteSession(ctx: AppContext, audit: AuditContext, sourceId: string, sessionId: string): Promise<void> {
  const { source, session } = await getSession(ctx, audit, sourceId, sessionId);
  if (!OPEN_STATUSES.includes(session.status as SessionStatus)) throw wrongSessionStatus(session, OPEN_STATUSES, 'be deleted');
  await ctx.db.transaction().execute(async (trx) => {
    // A start-import may have moved it meanwhile.
    if (!(await setStatus(ctx, trx, session, 'CLOSED', OPEN_STATUSES))) throw wrongSessionStatus({ ...session, status: 'TRIGGERED' }, OPEN_STATUSES, 'be deleted');
    await trx.deleteFrom('identity_source_session_items').where('session_id', '=', session.id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'system.import.session.cancelled', displayMessage: 'Import session for identity source canceled',
      target: [appTarget(source), sessionTarget(session)],
    });
  });
}
