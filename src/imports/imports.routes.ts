/**
 * CSV imports into a CSV-import app (Tollgate's API; Okta runs imports from its Admin Console only):
 * - `POST /api/v1/apps/{appId}/imports` with a `text/csv` body: 202 with the new job (`Location` names it);
 *   the whole file is checked first, and a bad one is refused with E0000001 listing its problems;
 * - `GET /api/v1/apps/{appId}/imports`: the app's jobs, newest first (`limit`, `after`);
 * - `GET /api/v1/apps/{appId}/imports/{jobId}`: the job, its counts and its report, one entry per user.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context.js';
import { OktaError } from '../platform/errors.js';
import { pageParams, setLinkHeaders, takePage } from '../platform/paging.js';
import { auditOf } from '../identity/auth.js';
import { getAppOrThrow } from '../apps/apps.service.js';
import { createImportJob, getImportJob, jobUsers, listImportJobs } from './import-jobs.service.js';
import { toOktaImportJob } from './import-json.js';
import { resumeIfStale, startImportJob } from './import-worker.js';

/** A CSV upload may be as large as any request body (1 MB). */
const MAX_CSV_BYTES = 1024 * 1024;

const AppParams = Type.Object({ appId: Type.String({ maxLength: 64 }) });
const JobParams = Type.Object({ appId: Type.String({ maxLength: 64 }), jobId: Type.String({ maxLength: 64 }) });
const ListQuery = Type.Object({ limit: Type.Optional(Type.String()), after: Type.Optional(Type.String({ maxLength: 64 })) });

export async function importRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  // Only this module reads CSV bodies.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) => done(null, body));

  app.post('/apps/:appId/imports', { schema: { params: AppParams } }, async (request, reply) => {
    if (typeof request.body !== 'string') {
      throw new OktaError(415, 'E0000003', 'The request body was not well-formed.', [{ errorSummary: 'Send the users as a CSV file with Content-Type: text/csv' }]);
    }
    const job = await createImportJob(ctx, auditOf(request), request.params.appId, request.body);
    void startImportJob(ctx, job.id);
    const json = toOktaImportJob(ctx, job);
    return reply.status(202).header('location', json._links.self.href).send(json);
  });

  app.get('/apps/:appId/imports', { schema: { params: AppParams, querystring: ListQuery } }, async (request, reply) => {
    await getAppOrThrow(ctx.db, request.params.appId);
    const { limit, after } = pageParams(request.query, 20, 200);
    const page = takePage(await listImportJobs(ctx.db, request.params.appId, limit, after), limit, (job) => job.id);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map((job) => toOktaImportJob(ctx, job));
  });

  app.get('/apps/:appId/imports/:jobId', { schema: { params: JobParams } }, async (request) => {
    const job = await getImportJob(ctx.db, request.params.appId, request.params.jobId);
    resumeIfStale(ctx, job);
    return toOktaImportJob(ctx, job, await jobUsers(ctx.db, job.id));
  });
}
