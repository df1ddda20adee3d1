/**
 * `tollgate users import FILE.csv --app APP_ID`: the CSV import of `POST /api/v1/apps/{appId}/imports`, run
 * from the command line against the configured store: the file is checked whole (a bad one imports
 * nothing), the job runs in this process (user import inline hook included), its progress on stderr.
 * Prints the job with its counts.
 */
import fs from 'node:fs';
import type { WithStore } from '../platform/with-store.js';
import { cliAudit } from '../events/log-event.js';
import type { ProgressStream } from '../platform/progress.js';
import { OktaError } from '../platform/errors.js';
import { createImportJob, getImportJob } from './import-jobs.service.js';
import { toOktaImportJob } from './import-json.js';
import { startImportJob } from './import-worker.js';
import { followJob } from './follow-job.js';

export async function importUsersFile(store: WithStore, file: string, appId: string, progress?: ProgressStream) {
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
  return store(async (ctx) => {
    let job;
    try {
      job = await createImportJob(ctx, cliAudit('tollgate users import'), appId, csv);
    } catch (error) {
      if (error instanceof OktaError) throw new Error(`${file} was not imported: ${describe(error)}`);
      throw error;
    }
    const counts = await followJob(ctx, job.id, startImportJob(ctx, job.id), 'Importing users', progress);
    const done = await getImportJob(ctx.db, appId, job.id);
    return { ...toOktaImportJob(ctx, done), summary: { total: counts.total, ...lowerKeys(counts.byStatus) } };
  });
}

export function describe(error: OktaError): string {
  return [error.errorSummary, ...error.errorCauses.map((cause) => `  ${cause.errorSummary}`)].join('\n');
}

function lowerKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k.toLowerCase(), n]));
}
