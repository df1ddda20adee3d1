/**
 * Import jobs of CSV-import apps: an upload is checked whole (nothing is written when any row is bad), then
 * stored as a job with one PENDING report row per user, and processed in the background (import-worker.ts).
 */
import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { ImportJobsTable, ImportJobUsersTable } from '../platform/db/tables/imports.js';
import type { Executor } from '../platform/db/index.js';
import { errors, OktaError } from '../platform/errors.js';
import { randomBase62 } from '../platform/ids.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { appTarget, getAppOrThrow } from '../apps/apps.service.js';
import { CSV_IMPORT_SIGN_ON_MODE } from '../apps/csv-import.app-kind.js';
import { CsvError, parseCsvTable } from './csv.js';

export type ImportJobRow = Selectable<ImportJobsTable>;
export type ImportJobUserRow = Selectable<ImportJobUsersTable>;

/** The most users one upload may hold. */
export const MAX_IMPORT_ROWS = 10_000;
const INSERT_BATCH = 500;

export function newImportJobId(): string {
  return 'ij1' + randomBase62(17);
}

/** The app user profiles of a CSV upload (empty cells left out), or Okta's E0000001 listing what is wrong. */
export function readImportCsv(text: string): Array<Record<string, string>> {
  let table;
  try {
    table = parseCsvTable(text);
  } catch (e) {
    if (e instanceof CsvError) throw errors.validation('csv', e.problems.map((p) => `csv: ${p}`));
    throw e;
  }
  const problems: string[] = [];
  if (!table.header.includes('userName')) problems.push('csv: The header must have a userName column (the app user\'s unique name)');
  if (table.rows.length === 0) problems.push('csv: The file has no users: add one row per user under the header');
  if (table.rows.length > MAX_IMPORT_ROWS) problems.push(`csv: At most ${MAX_IMPORT_ROWS} users can be imported at once; the file has ${table.rows.length}`);
  if (problems.length) throw errors.validation('csv', problems);

  const firstLine = new Map<string, number>();
  const users = table.rows.map(({ line, fields }) => {
    const profile: Record<string, string> = {};
    table.header.forEach((name, i) => { if (fields[i].trim() !== '') profile[name] = fields[i].trim(); });
    const userName = profile.userName;
    if (!userName) problems.push(`csv: line ${line}: userName cannot be blank`);
    else if (firstLine.has(userName.toLowerCase())) problems.push(`csv: line ${line}: userName '${userName}' also appears on line ${firstLine.get(userName.toLowerCase())}`);
    else firstLine.set(userName.toLowerCase(), line);
    return profile;
  });
  if (problems.length) throw errors.validation('csv', problems.slice(0, 20));
  return users;
}

/** Stores a new job for an upload (after checking the app and the whole file), with `system.import.start`. */
export async function createImportJob(ctx: AppContext, audit: AuditContext, appId: string, csv: string): Promise<ImportJobRow> {
  const app = await getAppOrThrow(ctx.db, appId);
  if (app.sign_on_mode !== CSV_IMPORT_SIGN_ON_MODE) {
    throw errors.validation('appId', [`appId: Users can only be imported into a ${CSV_IMPORT_SIGN_ON_MODE} app; ${app.id} is ${app.sign_on_mode}`]);
  }
  if (app.status !== 'ACTIVE') throw new OktaError(400, 'E0000001', 'Api validation failed: app', [{ errorSummary: 'app: Activate the app before importing users into it' }]);
  const users = readImportCsv(csv);
  const now = ctx.clock().toISOString();
  const job: ImportJobRow = {
    id: newImportJobId(), app_id: app.id, status: 'IN_PROGRESS', total: users.length, worker: null, heartbeat: null, error: null,
    started_by: JSON.stringify(audit), created: now, last_updated: now, completed: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('import_jobs').values(job).execute();
    for (let i = 0; i < users.length; i += INSERT_BATCH) {
      await trx.insertInto('import_job_users').values(users.slice(i, i + INSERT_BATCH).map((profile, j) => ({
        job_id: job.id, row_number: i + j + 1, status: 'PENDING', app_user: JSON.stringify(profile), report: null, user_id: null, processed: null,
      }))).execute();
    }
    await recordEvent(ctx, trx, audit, {
      eventType: 'system.import.start', displayMessage: 'import started', target: [appTarget(app), jobTarget(job)],
      debugData: { importJobId: job.id, users: users.length },
    });
  });
  return job;
}

export function jobTarget(job: Pick<ImportJobRow, 'id'>) {
  return { id: job.id, type: 'ImportJob', alternateId: job.id, displayName: 'import:users' };
}

export async function getImportJob(db: Executor, appId: string, jobId: string): Promise<ImportJobRow> {
  const job = await db.selectFrom('import_jobs').selectAll().where('id', '=', jobId).where('app_id', '=', appId).executeTakeFirst();
  if (!job) throw errors.notFound('ImportJob', jobId);
  return job;
}

export async function listImportJobs(db: Executor, appId: string, limit: number, after?: string): Promise<ImportJobRow[]> {
  let q = db.selectFrom('import_jobs').selectAll().where('app_id', '=', appId);
  if (after) {
    const cursor = await db.selectFrom('import_jobs').select(['created', 'id']).where('id', '=', after).where('app_id', '=', appId).executeTakeFirst();
    if (!cursor) throw errors.validation('after', ['after: Invalid cursor']);
    q = q.where((eb) => eb.or([eb('created', '<', cursor.created), eb.and([eb('created', '=', cursor.created), eb('id', '<', cursor.id)])]));
  }
  return q.orderBy('created', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

export async function jobUsers(db: Executor, jobId: string): Promise<ImportJobUserRow[]> {
  return db.selectFrom('import_job_users').selectAll().where('job_id', '=', jobId).orderBy('row_number').execute();
}
