import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { clientOf, SYSTEM_ACTOR } from '../events/log-event.js';
import { createImportJob } from './import-jobs.service.js';
import { STALE_JOB_MS } from './import-worker.js';

const audit = { actor: SYSTEM_ACTOR, client: clientOf('127.0.0.1', 'vitest'), transactionId: 'reqWorkerTest0000000' };

describe('import worker', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function waitFor(appId: string, jobId: string) {
    for (let i = 0; i < 200; i += 1) {
      const res = await server.api('GET', `/api/v1/apps/${appId}/imports/${jobId}`);
      if (res.body.status !== 'IN_PROGRESS') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the job did not finish');
  }

  it('takes over a job whose worker stopped, and goes on from its first pending row', async () => {
    const app = (await server.api('POST', '/api/v1/apps', { label: 'Takeover', signOnMode: 'CSV_IMPORT' })).body;
    // A job another instance claimed and then stopped working on (it never beat again), one row already done.
    const job = await createImportJob(server.ctx, audit, app.id, 'userName,firstName,lastName,email\ndone@example.com,D,One,done@example.com\nleft@example.com,L,Two,left@example.com\n');
    const stale = new Date(Date.now() - STALE_JOB_MS - 1000).toISOString();
    await server.ctx.db.updateTable('import_jobs').set({ worker: 'a-stopped-instance', heartbeat: stale }).where('id', '=', job.id).execute();
    await server.ctx.db.updateTable('import_job_users').set({ status: 'FAILED', report: null, processed: stale })
      .where('job_id', '=', job.id).where('row_number', '=', 1).execute();

    const done = await waitFor(app.id, job.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.users.map((u: { status: string }) => u.status)).toEqual(['FAILED', 'CREATED']);
    expect(done.users[1].user.profile.login).toBe('left@example.com');
  });

  it('leaves alone a job whose worker is alive', async () => {
    const app = (await server.api('POST', '/api/v1/apps', { label: 'Alive', signOnMode: 'CSV_IMPORT' })).body;
    const job = await createImportJob(server.ctx, audit, app.id, 'userName,firstName,lastName,email\nalive@example.com,A,Live,alive@example.com\n');
    await server.ctx.db.updateTable('import_jobs').set({ worker: 'a-busy-instance', heartbeat: new Date().toISOString() }).where('id', '=', job.id).execute();
    const res = await server.api('GET', `/api/v1/apps/${app.id}/imports/${job.id}`);
    expect(res.body.status).toBe('IN_PROGRESS');
    await new Promise((r) => setTimeout(r, 300));
    const again = await server.api('GET', `/api/v1/apps/${app.id}/imports/${job.id}`);
    expect(again.body.summary).toMatchObject({ pending: 1, created: 0 });
  });
});
