import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.js';
import { buildApp } from './app.js';
import type { AppContext } from './platform/context.js';
import { createSecretBox, loadSecretKey } from './platform/crypto.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';
import { stopBackground } from './platform/background.js';
import { appsGroupListener } from './apps/app-group-assignments.service.js';
import { workflowsConnectionCaller } from './workflows/runtime/okta-service.js';
import { injectTransport } from './platform/self-transport.js';
import { closeHttpClient } from './platform/http-client.js';
import { createLogger } from './platform/logger.js';
import { createMetrics } from './platform/metrics.js';
import { systemClock } from './platform/time.js';
import { ensureFirstAdmin, ensureOrgDefaults, type AdminCredentials } from './identity/org-defaults.js';
import { ensureDemoOrg } from './demo/demo-org.js';
import { ensureDefaultAuthorizationServer } from './oauth/management/servers.service.js';
import { resolveDevelopmentTelephony } from './factors/telephony/development-provider.js';
import { startEventDispatcher } from './events/dispatcher.js';
import { createEvents, pendingBySink, type Events } from './events/events.js';
import { createSqlOutbox } from './events/sql-outbox.js';
import type { Outbox } from './events/outbox.js';
import { createEventHookSink } from './hooks/event/event-hook-sink.js';
import type { InlineHookTypeDefinition } from './hooks/inline/hook-type.js';
import { builtInInlineHookTypes } from './hooks/inline/hook-types.js';
import { afterHookCall } from './hooks/toolkit/after-call.js';
import { createFlowEventSink } from './workflows/runtime/flow-event-sink.js';
import type { Db, DialectName } from './platform/db/index.js';
import type { Clock } from './platform/time.js';
import { startFlowScheduler } from './workflows/runtime/scheduler.js';
import { workflowRuntime } from './workflows/runtime/workflow-runtime.js';
import { makePrivateDir } from './platform/private-files.js';

export interface RunningServer {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  admin: AdminCredentials;
  /** Has the event dispatcher look at the outbox now (a no-op without one). */
  wakeEvents(): void;
  /**
   * Stops the server and lets nothing accepted get lost: stops accepting connections and the flow scheduler,
   * waits for the requests in flight (their inline hook calls included) and the event deliveries in flight,
   * lets import jobs finish the row they are on (they resume later from the next one),
   * cuts off flow runs still going after `cutOffMs` (they are recorded as failed), writes every waiting
   * execution record, and closes the database. Events not yet delivered stay in the outbox for the next start.
   */
  close(options?: { cutOffMs?: number }): Promise<void>;
}

/** How long shutdown lets flow runs go on before cutting them off (half the default shutdown budget). */
const DEFAULT_CUT_OFF_MS = 5_000;

/**
 * The events kernel with this app's sinks: event hooks and flows that start on events. `outbox` swaps the
 * store of the queue (a test passes `createMemoryOutbox()`); the default is the `event_outbox` table.
 */
export function createAppEvents(db: Db, dialect: DialectName, clock: Clock, outbox?: Outbox): Events {
  return createEvents({ outbox: outbox ?? createSqlOutbox({ db, dialect, clock }), sinks: [createEventHookSink(), createFlowEventSink()] });
}

export interface ContextOptions {
  /** The outbox to run on instead of the `event_outbox` table. */
  outbox?: (db: Db) => Outbox;
  /** The inline hook types the server knows (default: Okta's six, `builtInInlineHookTypes`). */
  inlineHookTypes?: readonly InlineHookTypeDefinition[];
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  makePrivateDir(config.dataDir);
  const { db, dialect } = openDatabase(config.databaseUrl);
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  const secrets = createSecretBox(loadSecretKey(config.secretKey, config.dataDir));
  const events = createAppEvents(db, dialect, systemClock, options.outbox?.(db));
  const metrics = createMetrics({ outboxPending: () => pendingBySink(events) });
  return {
    config, db, dialect, log, secrets, clock: systemClock, metrics, events, groupListeners: [appsGroupListener], internalCallers: [workflowsConnectionCaller],
    inlineHookTypes: options.inlineHookTypes ?? builtInInlineHookTypes, inlineHookCallObservers: [afterHookCall],
  };
}

export interface StartOptions extends ContextOptions {
  /**
   * Whether this process runs the work done once per start, the event dispatcher and the flow scheduler
   * (default true); the followers of `start --workers N` do not (see ops/cluster.ts).
   */
  background?: boolean;
}

/** Opens the store, migrates it, creates the org's defaults (and the demo org), and listens. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const ctx = await createContext(config, options);
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
  if (config.selfCalls === 'in-process') ctx.config.selfTransport = injectTransport(app);
  if (firstStart && config.demo) await ensureDemoOrg(ctx);
  const background = options.background ?? true;
  const eventDelivery = background ? startEventDispatcher(ctx) : undefined;
  const flowSchedules = background ? startFlowScheduler(ctx) : undefined;
  return {
    app, ctx, admin, url: `http://127.0.0.1:${port}`,
    wakeEvents: () => eventDelivery?.wake(),
    async close(options = {}) {
      const runtime = workflowRuntime(ctx);
      // Flows answering requests would hold the close up to their 60 s cut-off: cut them off sooner.
      const cutOff = setTimeout(() => { void runtime.close(); }, options.cutOffMs ?? DEFAULT_CUT_OFF_MS);
      cutOff.unref();
      try {
        await flowSchedules?.stop();
        // app.close stops accepting at once, then waits for the requests in flight.
        await Promise.all([app.close(), eventDelivery?.stop(), stopBackground(ctx)]);
      } finally {
        clearTimeout(cutOff);
      }
      // Runs the last deliveries started (flows on events) and their records; app.close closed it once already.
      await runtime.close();
      await runtime.stop();
      await closeHttpClient(ctx.config);
      await ctx.db.destroy();
    },
  };
}
