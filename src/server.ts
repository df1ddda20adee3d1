import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { Config } from './config.js';
import { buildApp } from './app.js';
import type { AppContext } from './platform/context.js';
import { createSecretBox, loadSecretKey } from './platform/crypto.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';
import { closeHttpClient } from './platform/http-client.js';
import { systemClock } from './platform/time.js';
import { ensureFirstAdmin, ensureOrgDefaults, type AdminCredentials } from './identity/org-defaults.js';
import { ensureDemoOrg } from './demo/demo-org.js';
import { ensureDefaultAuthorizationServer } from './oauth/management/servers.service.js';
import { resolveDevelopmentTelephony } from './factors/telephony/development-provider.js';
import { startEventDispatcher } from './hooks/event/dispatcher.js';
import { startFlowScheduler } from './workflows/host/scheduler.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  admin: AdminCredentials;
  close(): Promise<void>;
}

export async function createContext(config: Config): Promise<AppContext> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const { db, dialect } = openDatabase(config.databaseUrl);
  const log = pino({ level: config.logLevel });
  const secrets = createSecretBox(loadSecretKey(config.secretKey, config.dataDir));
  return { config, db, dialect, log, secrets, clock: systemClock };
}

/** Opens the store, migrates it, creates the org's defaults (and the demo org), and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const ctx = await createContext(config);
  await migrateToLatest(ctx.db);
  const firstStart = !(await ctx.db.selectFrom('user_types').select('id').executeTakeFirst());
  await ensureOrgDefaults(ctx);
  const admin = await ensureFirstAdmin(ctx);
  await ensureDefaultAuthorizationServer(ctx);
  if (admin.token && !config.adminToken) {
    fs.writeFileSync(path.join(config.dataDir, 'admin-token'), admin.token + '\n', { mode: 0o600 });
  }
  await resolveDevelopmentTelephony(ctx, firstStart && config.demo);
  const app = await buildApp(ctx);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (config.port === 0) ctx.config.issuer = ctx.config.issuer.replace(/:0$/, `:${port}`);
  // The server may call its own flows' invoke URLs (hooks pointing at them, as in the demo org) on loopback
  // without the operator allowing loopback for everything (see the outbound URL policy in http-client.ts).
  ctx.config.selfOrigins = [...new Set([new URL(ctx.config.issuer).origin, `http://127.0.0.1:${port}`, `http://localhost:${port}`])];
  if (firstStart && config.demo) await ensureDemoOrg(ctx);
  const eventDelivery = startEventDispatcher(ctx);
  const flowSchedules = startFlowScheduler(ctx);
  return {
    app, ctx, admin, url: `http://127.0.0.1:${port}`,
    async close() {
      await flowSchedules.stop();
      await app.close();
      await eventDelivery.stop();
      await closeHttpClient(ctx.config);
      await ctx.db.destroy();
    },
  };
}
