/** The import job JSON of `/api/v1/apps/{appId}/imports`: the job, its counts and, on GET by id, its report. */
import type { AppContext } from '../platform/context.js';
import type { ImportJobRow, ImportJobUserRow } from './import-jobs.service.js';
import type { ImportUserReport } from './import-row.js';

export function toOktaImportJob(ctx: AppContext, job: ImportJobRow, users?: ImportJobUserRow[]) {
  const self = `${ctx.config.issuer}/api/v1/apps/${job.app_id}/imports/${job.id}`;
  return {
    id: job.id,
    type: 'import:users',
    status: job.status,
    appId: job.app_id,
    created: job.created,
    lastUpdated: job.last_updated,
    completed: job.completed,
    error: job.error,
    ...(users ? { summary: summaryOf(job, users), users: users.map(reportOf) } : { summary: { total: job.total } }),
    _links: { self: { href: self }, app: { href: `${ctx.config.issuer}/api/v1/apps/${job.app_id}` } },
  };
}

function summaryOf(job: ImportJobRow, users: ImportJobUserRow[]) {
  const count = (status: string) => users.filter((u) => u.status === status).length;
  return { total: job.total, pending: count('PENDING'), created: count('CREATED'), linked: count('LINKED'), failed: count('FAILED') };
}

function reportOf(row: ImportJobUserRow): ImportUserReport {
  if (row.report) return JSON.parse(row.report) as ImportUserReport;
  return {
    row: row.row_number, status: row.status as ImportUserReport['status'], appUser: { profile: JSON.parse(row.app_user) }, user: { id: null, profile: {} },
    matches: [], conflicts: [], policy: [], defaultAction: null, action: null,
    hook: { outcome: 'NOT_CALLED', inlineHookId: null, callId: null, commands: [], error: null }, error: null, errorCauses: [],
  };
}
