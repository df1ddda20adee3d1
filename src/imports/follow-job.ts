/**
 * Follows an import job that runs in this process (the CLI's user import and identity-source import) on a
 * progress bar: the rows no longer pending are counted a few times a second until the run ends, so the
 * workers need no progress hooks of their own.
 */
import type { AppContext } from '../platform/context.js';
import { startProgress, type ProgressStream } from '../platform/progress.js';

const POLL_MS = 200;

export interface JobCounts {
  total: number;
  byStatus: Record<string, number>;
}

export async function jobCounts(ctx: AppContext, jobId: string): Promise<JobCounts> {
  const rows = await ctx.db.selectFrom('import_job_users').select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId).groupBy('status').execute();
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}

/** Rows still to do: PENDING, and the identity-source worker's PENDING_DEACTIVATE. */
function remaining(counts: JobCounts): number {
  return Object.entries(counts.byStatus).filter(([status]) => status.startsWith('PENDING')).reduce((a, [, n]) => a + n, 0);
}

/** Waits for `run` (the job's worker), showing its progress; resolves with the final counts. */
export async function followJob(ctx: AppContext, jobId: string, run: Promise<void>, label: string, stream?: ProgressStream): Promise<JobCounts> {
  let counts = await jobCounts(ctx, jobId);
  const progress = startProgress(label, counts.total, stream);
  let finished = false;
  void run.finally(() => { finished = true; });
  while (!finished) {
    progress.update(counts.total - remaining(counts));
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    counts = await jobCounts(ctx, jobId);
  }
  await run;
  counts = await jobCounts(ctx, jobId);
  progress.update(counts.total - remaining(counts));
  const parts = Object.entries(counts.byStatus).sort(([a], [b]) => a.localeCompare(b)).map(([status, n]) => `${n} ${status.toLowerCase()}`);
  progress.stop(`${label}: ${counts.total} row${counts.total === 1 ? '' : 's'} (${parts.join(', ')})`);
  return counts;
}
