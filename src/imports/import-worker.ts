/**
 * Runs import jobs in the background, one row at a time. A job belongs to the instance working on it while
 * that instance keeps its heartbeat fresh; a job whose worker stopped (the process ended) is taken over by
 * the next instance that looks at it, and goes on from its first PENDING row.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import { isStopping, trackBackground } from '../platform/background.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { profileAttributeNames } from '../identity/schema/profile-schema.service.js';
import { appTarget, findApp } from '../apps/apps.service.js';
import { csvImportSettingsOf } from '../apps/csv-import.app-kind.js';
import { jobTarget, type ImportJobRow } from './import-jobs.service.js';
import { processImportRow, type ImportUserReport } from './import-row.js';

/** This process, as a job's `worker`. */
const WORKER_ID = randomUUID();
/** A job whose heartbeat is older than this has lost its worker. */
export const STALE_JOB_MS = 60_000;
/** Jobs this process is running, so that one is never run twice here. */
const running = new Map<string, Promise<void>>();

/** Starts (or resumes) a job in the background; returns the run, which never rejects. */
export function startImportJob(ctx: AppContext, jobId: string): Promise<void> {
  let run = running.get(jobId);
  if (!run) {
    run = runJob(ctx, jobId)
      .catch((err: unknown) => ctx.log.error({ err, jobId }, 'an import job stopped unexpectedly'))
      .finally(() => running.delete(jobId));
    running.set(jobId, run);
    trackBackground(ctx, run);
  }
  return run;
}

/** Takes over a job whose worker stopped (no heartbeat for STALE_JOB_MS). */
export function resumeIfStale(ctx: AppContext, job: ImportJobRow): void {
  if (job.status !== 'IN_PROGRESS' || running.has(job.id)) return;
  const last = Date.parse(job.heartbeat ?? job.created);
  if (ctx.clock().getTime() - last > STALE_JOB_MS) void startImportJob(ctx, job.id);
}

async function claim(ctx: AppContext, jobId: string): Promise<boolean> {
  const now = ctx.clock();
  const staleBefore = new Date(now.getTime() - STALE_JOB_MS).toISOString();
  const result = await ctx.db.updateTable('import_jobs').set({ worker: WORKER_ID, heartbeat: now.toISOString() })
    .where('id', '=', jobId).where('status', '=', 'IN_PROGRESS')
    .where((eb) => eb.or([
      eb('worker', 'is', null), eb('worker', '=', WORKER_ID), eb('heartbeat', '<', staleBefore),
    ]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Refreshes the heartbeat; false when another instance has taken the job over meanwhile. */
async function beat(ctx: AppContext, jobId: string): Promise<boolean> {
  const now = ctx.clock().toISOString();
  const result = await ctx.db.updateTable('import_jobs').set({ heartbeat: now, last_updated: now })
    .where('id', '=', jobId).where('worker', '=', WORKER_ID).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function runJob(ctx: AppContext, jobId: string): Promise<void> {
  if (!(await claim(ctx, jobId))) return;
  const job = await ctx.db.selectFrom('import_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
  const audit = JSON.parse(job.started_by) as AuditContext;
  const app = await findApp(ctx.db, job.app_id);
  if (!app) {
    await finish(ctx, job, audit, 'FAILED', 'The app was deleted during the import');
    return;
  }
  const run = { job, app, settings: csvImportSettingsOf(app.settings), audit, oktaAttributes: await profileAttributeNames(ctx, ctx.db) };
  for (;;) {
    const row = await ctx.db.selectFrom('import_job_users').selectAll()
      .where('job_id', '=', jobId).where('status', '=', 'PENDING').orderBy('row_number').limit(1).executeTakeFirst();
    if (!row) break;
    try {
      await processImportRow(ctx, run, row);
    } catch (err) {
      // A fault of ours, not of the row: report it and go on, so that one row cannot stall the job forever.
      ctx.log.error({ err, jobId, row: row.row_number }, 'an imported user could not be processed');
      await markRowFailed(ctx, jobId, row.row_number, row.app_user);
    }
    if (!(await beat(ctx, jobId))) return;
    // Shutting down: the job stays IN_PROGRESS and is taken over once its heartbeat is stale.
    if (isStopping(ctx)) return;
  }
  await finish(ctx, job, audit, 'COMPLETED', null);
}

async function markRowFailed(ctx: AppContext, jobId: string, rowNumber: number, appUser: string): Promise<void> {
  const report: ImportUserReport = {
    row: rowNumber, status: 'FAILED', appUser: { profile: JSON.parse(appUser) }, user: { id: null, profile: {} },
    matches: [], conflicts: [], policy: [], defaultAction: null, action: null,
    hook: { outcome: 'NOT_CALLED', inlineHookId: null, callId: null, commands: [], error: null },
    error: 'Internal Server Error: the user could not be imported', errorCauses: [],
  };
  await ctx.db.updateTable('import_job_users').set({ status: 'FAILED', report: JSON.stringify(report), processed: ctx.clock().toISOString() })
    .where('job_id', '=', jobId).where('row_number', '=', rowNumber).where('status', '=', 'PENDING').execute();
}

async function finish(ctx: AppContext, job: ImportJobRow, audit: AuditContext, status: 'COMPLETED' | 'FAILED', error: string | null): Promise<void> {
  const counts = await ctx.db.selectFrom('import_job_users').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', job.id).groupBy('status').execute();
  const summary = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  const app = await findApp(ctx.db, job.app_id);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock().toISOString();
    const done = await trx.updateTable('import_jobs').set({ status, error, completed: now, last_updated: now, heartbeat: now })
      .where('id', '=', job.id).where('worker', '=', WORKER_ID).where('status', '=', 'IN_PROGRESS').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return;
    await recordEvent(ctx, trx, audit, {
      eventType: 'system.import.complete', displayMessage: 'Import process complete', outcome: status === 'COMPLETED' ? 'SUCCESS' : 'FAILURE',
      reason: error, target: [...(app ? [appTarget(app)] : []), jobTarget(job)], debugData: { importJobId: job.id, ...summary },
    });
  });
}
