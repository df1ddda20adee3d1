/**
 * `POST …/sessions/{id}/start-import`: the session's uploaded data becomes an import job of the identity
 * source app (`import_jobs`, its report visible at `GET /api/v1/apps/{sourceId}/imports/{jobId}`), and the
 * session is TRIGGERED. The job then runs in the background through the CSV directory's import machinery:
 * each upserted profile is mapped, matched under the app's rules, shown to the user import inline hook, and
 * creates or links an Okta user (processImportRow). As the source masters its users' profiles, a linked user
 * then takes the source's profile; a bulk-deleted external id deactivates its user. The session ends
 * COMPLETED (rows that fail are reported FAILED in the job) or, when the run itself breaks, ERROR.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../platform/context.js';
import { isStopping, trackBackground } from '../platform/background.js';
import { OktaError, type ErrorCause } from '../platform/errors.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { profileAttributeNames } from '../identity/schema/profile-schema.service.js';
import { userTarget } from '../identity/users/users.service.js';
import { updateUser } from '../identity/users/user-update.service.js';
import { activateUser, deactivateUser } from '../identity/users/user-lifecycle.service.js';
import type { AppRow } from '../apps/app-kind.js';
import { appTarget, findApp } from '../apps/apps.service.js';
import { csvImportSettingsOf } from '../apps/csv-import.app-kind.js';
import { jobTarget, newImportJobId, type ImportJobRow, type ImportJobUserRow } from '../imports/import-jobs.service.js';
import { processImportRow, type ImportRun, type ImportUserReport } from '../imports/import-row.js';
import { STALE_JOB_MS } from '../imports/import-worker.js';
import { linkedUserId } from './bulk-data.js';
import { getSession, sessionTarget, setStatus, wrongSessionStatus, type SessionRow } from './sessions.service.js';

/** This process, as the `worker` of the jobs it runs. */
const WORKER_ID = `identity-source:${randomUUID()}`;
/** A job row waiting to deactivate its user (the CSV worker only picks PENDING rows). */
const PENDING_DEACTIVATE = 'PENDING_DEACTIVATE';
/** Sessions this process is importing. */
const running = new Map<string, Promise<void>>();

/** The report of a bulk-deleted external id, in the job's report beside the upserted users. */
export interface DeactivationReport {
  row: number;
  status: 'DEACTIVATED' | 'SKIPPED' | 'FAILED';
  appUser: { profile: { externalId: string } };
  user: { id: string | null };
  action: 'DEACTIVATE_USER';
  error: string | null;
  errorCauses: ErrorCause[];
}

/** Starts the import of an IN_PROGRESS session; answers the session, TRIGGERED, while the import runs. */
export async function startSessionImport(ctx: AppContext, audit: AuditContext, sourceId: string, sessionId: string): Promise<SessionRow> {
  const { source, session } = await getSession(ctx, audit, sourceId, sessionId);
  if (session.status !== 'IN_PROGRESS') throw wrongSessionStatus(session, ['IN_PROGRESS'], 'be processed');
  const items = await ctx.db.selectFrom('identity_source_session_items').selectAll().where('session_id', '=', session.id).orderBy('seq').execute();
  const now = ctx.clock().toISOString();
  const job: ImportJobRow = {
    id: newImportJobId(), app_id: source.id, status: 'IN_PROGRESS', total: items.length, worker: WORKER_ID, heartbeat: now, error: null,
    started_by: JSON.stringify(audit), created: now, last_updated: now, completed: null,
  };
  const triggered = await ctx.db.transaction().execute(async (trx) => {
    const next = await setStatus(ctx, trx, session, 'TRIGGERED', ['IN_PROGRESS'], { import_job_id: job.id });
    if (!next) throw wrongSessionStatus({ ...session, status: 'TRIGGERED' }, ['IN_PROGRESS'], 'be processed');
    await trx.insertInto('import_jobs').values(job).execute();
    for (let i = 0; i < items.length; i += 500) {
      await trx.insertInto('import_job_users').values(items.slice(i, i + 500).map((item, j) => ({
        job_id: job.id, row_number: i + j + 1,
        status: item.operation === 'UPSERT' ? 'PENDING' : PENDING_DEACTIVATE,
        app_user: JSON.stringify(item.operation === 'UPSERT' ? appUserOf(item.external_id, item.profile) : { externalId: item.external_id }),
        report: null, user_id: null, processed: null,
      }))).execute();
    }
    await trx.deleteFrom('identity_source_session_items').where('session_id', '=', session.id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'system.import.session.triggered', displayMessage: 'Triggered import session for identity source',
      target: [appTarget(source), sessionTarget(session), jobTarget(job)], debugData: { importJobId: job.id, entities: items.length },
    });
    await recordEvent(ctx, trx, audit, {
      eventType: 'system.import.start', displayMessage: 'import started', target: [appTarget(source), jobTarget(job)],
      debugData: { importJobId: job.id, users: items.length },
    });
    return next;
  });
  void runSessionImport(ctx, triggered.id);
  return triggered;
}

/** The app user profile of an upserted entry: the source's attributes (nulls left out) and its externalId. */
function appUserOf(externalId: string, profileJson: string | null): Record<string, string> {
  const profile = JSON.parse(profileJson ?? '{}') as Record<string, string | null>;
  const appUser: Record<string, string> = {};
  for (const [k, v] of Object.entries(profile)) if (v !== null) appUser[k] = v;
  return { ...appUser, externalId };
}

/** Runs (or resumes) a TRIGGERED session's import in the background; the run never rejects. */
export function runSessionImport(ctx: AppContext, sessionId: string): Promise<void> {
  let run = running.get(sessionId);
  if (!run) {
    run = importSession(ctx, sessionId)
      .catch((err: unknown) => ctx.log.error({ err, sessionId }, 'an identity source import stopped unexpectedly'))
      .finally(() => running.delete(sessionId));
    running.set(sessionId, run);
    trackBackground(ctx, run);
  }
  return run;
}

/** The import of a session, when one runs in this process (tests wait on it). */
export function sessionImportRun(sessionId: string): Promise<void> | undefined {
  return running.get(sessionId);
}

/** Takes over a TRIGGERED session whose import lost its worker (the process ended). */
export async function resumeIfStale(ctx: AppContext, session: SessionRow): Promise<void> {
  if (session.status !== 'TRIGGERED' || !session.import_job_id || running.has(session.id)) return;
  const job = await ctx.db.selectFrom('import_jobs').select(['heartbeat', 'created']).where('id', '=', session.import_job_id).executeTakeFirst();
  const last = Date.parse(job?.heartbeat ?? job?.created ?? session.last_updated);
  if (ctx.clock().getTime() - last > STALE_JOB_MS) void runSessionImport(ctx, session.id);
}

async function importSession(ctx: AppContext, sessionId: string): Promise<void> {
  const session = await ctx.db.selectFrom('identity_source_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
  if (session.status !== 'TRIGGERED' || !session.import_job_id) return;
  const job = await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', session.import_job_id).executeTakeFirstOrThrow();
  const audit = JSON.parse(job.started_by) as AuditContext;
  const source = await findApp(ctx.db, session.identity_source_id);
  if (!source) {
    await finish(ctx, session, job, audit, undefined, 'The identity source was deleted during the import');
    return;
  }
  try {
    await ctx.db.updateTable('import_jobs').set({ worker: WORKER_ID, heartbeat: ctx.clock().toISOString() }).where('id', '=', job.id).execute();
    const run: ImportRun = { job, app: source, settings: csvImportSettingsOf(source.settings), audit, oktaAttributes: await profileAttributeNames(ctx, ctx.db) };
    for (;;) {
      const row = await nextRow(ctx, job.id);
      if (!row) break;
      if (row.status === 'PENDING') await upsertRow(ctx, run, row);
      else await deactivateRow(ctx, run, row);
      const now = ctx.clock().toISOString();
      await ctx.db.updateTable('import_jobs').set({ heartbeat: now, last_updated: now }).where('id', '=', job.id).execute();
      // Shutting down: the session stays TRIGGERED and is taken over once its heartbeat is stale.
      if (isStopping(ctx)) return;
    }
  } catch (err) {
    ctx.log.error({ err, sessionId }, 'an identity source import failed');
    await finish(ctx, session, job, audit, source, 'Internal Server Error: the import could not be completed');
    return;
  }
  await finish(ctx, session, job, audit, source, null);
}

/** Upserts first, in upload order, then deactivations. */
async function nextRow(ctx: AppContext, jobId: string): Promise<ImportJobUserRow | undefined> {
  for (const status of ['PENDING', PENDING_DEACTIVATE]) {
    const row = await ctx.db.selectFrom('import_job_users').selectAll().where('job_id', '=', jobId).where('status', '=', status)
      .orderBy('row_number').limit(1).executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

/**
 * One upserted profile. The user this source linked the external id to is matched first (its app user is
 * renamed when the source changed the userName, and reactivated when it had been deactivated); then the import
 * machinery creates or links; a linked user takes the source's profile.
 */
async function upsertRow(ctx: AppContext, run: ImportRun, row: ImportJobUserRow): Promise<void> {
  const appUser = JSON.parse(row.app_user) as Record<string, string>;
  const userId = await linkedUserId(ctx, ctx.db, run.app.id, appUser.externalId);
  if (userId) {
    const link = await ctx.db.selectFrom('app_users').select('credentials').where('app_id', '=', run.app.id).where('user_id', '=', userId).executeTakeFirstOrThrow();
    const linkedName = (JSON.parse(link.credentials) as { userName?: string }).userName;
    if (linkedName !== appUser.userName) {
      await ctx.db.updateTable('app_users').set({ credentials: JSON.stringify({ userName: appUser.userName }) })
        .where('app_id', '=', run.app.id).where('user_id', '=', userId).execute();
    }
    const user = await ctx.db.selectFrom('users').select('status').where('id', '=', userId).executeTakeFirstOrThrow();
    if (user.status === 'DEPROVISIONED') await activateUser(ctx, ctx.db, run.audit, userId, { sendEmail: false });
  }

  const report = await processImportRow(ctx, run, row);
  if (report.status !== 'LINKED' || !report.user.id) return;
  const linkedId = report.user.id;
  const current = await ctx.db.selectFrom('users').select(['profile']).where('id', '=', linkedId).executeTakeFirstOrThrow();
  const stored = JSON.parse(current.profile) as Record<string, unknown>;
  const changes = Object.fromEntries(Object.entries(report.user.profile).filter(([k, v]) => !isDeepStrictEqual(stored[k], v)));
  if (Object.keys(changes).length === 0) return;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await updateUser(ctx, trx, run.audit, linkedId, { profile: changes }, 'partial');
      const user = await trx.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', linkedId).executeTakeFirstOrThrow();
      await recordEvent(ctx, trx, run.audit, {
        eventType: 'system.import.user.update', displayMessage: 'Update user triggered by import process',
        target: [userTarget(user), appTarget(run.app), jobTarget(run.job)],
        debugData: { importJobId: run.job.id, row: row.row_number, attributes: Object.keys(changes).join(',') },
      });
    });
  } catch (err) {
    if (!(err instanceof OktaError)) throw err;
    const failed: ImportUserReport = { ...report, status: 'FAILED', error: err.errorSummary, errorCauses: err.errorCauses };
    await ctx.db.transaction().execute(async (trx) => {
      await recordEvent(ctx, trx, run.audit, {
        eventType: 'system.import.user.complete', displayMessage: 'Import of user completed', outcome: 'FAILURE', severity: 'WARN',
        reason: [err.errorSummary, ...err.errorCauses.map((c) => c.errorSummary)].join('; '),
        target: [appTarget(run.app), jobTarget(run.job)], debugData: { importJobId: run.job.id, row: row.row_number },
      });
      await trx.updateTable('import_job_users').set({ status: 'FAILED', report: JSON.stringify(failed) })
        .where('job_id', '=', run.job.id).where('row_number', '=', row.row_number).execute();
    });
  }
}

/** One bulk-deleted external id: its user is deactivated (SKIPPED when it is gone or already deactivated). */
async function deactivateRow(ctx: AppContext, run: ImportRun, row: ImportJobUserRow): Promise<void> {
  const { externalId } = JSON.parse(row.app_user) as { externalId: string };
  const report: DeactivationReport = {
    row: row.row_number, status: 'SKIPPED', appUser: { profile: { externalId } }, user: { id: null }, action: 'DEACTIVATE_USER', error: null, errorCauses: [],
  };
  const userId = await linkedUserId(ctx, ctx.db, run.app.id, externalId);
  const user = userId ? await ctx.db.selectFrom('users').select(['id', 'login', 'first_name', 'last_name', 'status']).where('id', '=', userId).executeTakeFirst() : undefined;
  report.user.id = user?.id ?? null;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (user && user.status !== 'DEPROVISIONED') {
        await deactivateUser(ctx, trx, run.audit, user.id);
        await trx.updateTable('app_users').set({ status: 'INACTIVE', last_updated: ctx.clock().toISOString() })
          .where('app_id', '=', run.app.id).where('user_id', '=', user.id).execute();
        await recordEvent(ctx, trx, run.audit, {
          eventType: 'system.import.user.update_user_lifecycle_from_master', displayMessage: 'Update user status triggered by import process',
          target: [userTarget(user), appTarget(run.app), jobTarget(run.job)], debugData: { importJobId: run.job.id, row: row.row_number, externalId },
        });
        report.status = 'DEACTIVATED';
      }
      await trx.updateTable('import_job_users').set({ status: report.status, report: JSON.stringify(report), user_id: report.user.id, processed: ctx.clock().toISOString() })
        .where('job_id', '=', run.job.id).where('row_number', '=', row.row_number).execute();
    });
  } catch (err) {
    if (!(err instanceof OktaError)) throw err;
    const failed: DeactivationReport = { ...report, status: 'FAILED', error: err.errorSummary, errorCauses: err.errorCauses };
    await ctx.db.updateTable('import_job_users').set({ status: 'FAILED', report: JSON.stringify(failed), user_id: report.user.id, processed: ctx.clock().toISOString() })
      .where('job_id', '=', run.job.id).where('row_number', '=', row.row_number).execute();
  }
}

/** Ends the job (COMPLETED or FAILED, `system.import.complete`) and the session (COMPLETED or ERROR) together. */
async function finish(ctx: AppContext, session: SessionRow, job: ImportJobRow, audit: AuditContext, source: AppRow | undefined, error: string | null): Promise<void> {
  const counts = await ctx.db.selectFrom('import_job_users').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', job.id).groupBy('status').execute();
  const summary = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock().toISOString();
    await trx.updateTable('import_jobs').set({ status: error ? 'FAILED' : 'COMPLETED', error, completed: now, last_updated: now, heartbeat: now })
      .where('id', '=', job.id).where('status', '=', 'IN_PROGRESS').execute();
    const ended = await setStatus(ctx, trx, session, error ? 'ERROR' : 'COMPLETED', ['TRIGGERED'], { error });
    if (!ended) return;
    await recordEvent(ctx, trx, audit, {
      eventType: 'system.import.complete', displayMessage: 'Import process complete', outcome: error ? 'FAILURE' : 'SUCCESS', reason: error,
      target: [...(source ? [appTarget(source)] : []), sessionTarget(session), jobTarget(job)],
      debugData: { importJobId: job.id, identitySourceSessionId: session.id, ...summary },
    });
  });
}
