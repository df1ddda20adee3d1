/**
 * Operations endpoints, outside the management API's prefix:
 * - `GET /health`: liveness, `{"status":"ok"}` while the process answers HTTP and its store can take writes (503 otherwise);
 * - `GET /ready`: readiness, 200 when the database answers and its migrations are current, else 503 with why;
 * - `GET /metrics`: Prometheus metrics; needs the API token (SSWS), unless TOLLGATE_METRICS_PUBLIC=true;
 * - `GET /api/v1/openapi.json`: the OpenAPI document of every route (public, as Okta's own spec is).
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requireApiTokenIn } from '../identity/auth.js';
import type { RouteCatalog } from './openapi.js';
import { checkReadiness } from './readiness.js';
import { storeProblem } from '../platform/db/index.js';

export async function opsRoutes(app: FastifyInstance, ctx: AppContext, catalog: RouteCatalog): Promise<void> {
  // 503 when the store cannot take writes (a SQLite file deleted under the server), so that a monitor sees it.
  app.get('/health', async (_request, reply) => {
    const problem = storeProblem(ctx.db);
    if (problem) return reply.status(503).send({ status: 'error', reason: problem });
    return { status: 'ok' };
  });

  app.get('/ready', async (_request, reply) => {
    const readiness = await checkReadiness(ctx);
    if (readiness.ready) return { status: 'ready', database: readiness.database, migrations: readiness.migrations };
    ctx.log.warn({ reason: readiness.reason }, 'not ready');
    return reply.status(503).send({ status: 'unavailable', reason: readiness.reason });
  });

  await app.register(async (scope) => {
    if (!ctx.config.metricsPublic) requireApiTokenIn(scope, ctx);
    scope.get('/metrics', async (_request, reply) => {
      const text = await ctx.metrics.scrape();
      return reply.type(ctx.metrics.contentType).send(text);
    });
  });

  app.get('/api/v1/openapi.json', async () => catalog.document(ctx.config.issuer));
}
