/**
 * The store as the command-line tools open it (`tollgate flow import`, `tollgate users import`, …): the same
 * database `tollgate start` uses, migrated, with a context whose logs go to stderr (stdout carries the
 * command's result only). It sits with the composition root: its events go to the same sinks as a server's.
 */
import type { Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { createSecretBox, loadSecretKey } from './platform/crypto.js';
import { migrateToLatest, openDatabase } from './platform/db/index.js';
import { createLogger } from './platform/logger.js';
import { createMetrics } from './platform/metrics.js';
import { makePrivateDir } from './platform/private-files.js';
import { systemClock } from './platform/time.js';
import { createAppEvents } from './server.js';
import { appsGroupListener } from './apps/app-group-assignments.service.js';
import type { WithStore } from './platform/with-store.js';
import { builtInInlineHookTypes } from './hooks/inline/hook-types.js';
import { afterHookCall } from './hooks/toolkit/after-call.js';

export async function withCliStore<T>(config: Config, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  makePrivateDir(config.dataDir);
  const { db, dialect } = openDatabase(config.databaseUrl);
  const log = createLogger({ level: config.logLevel, format: config.logFormat, output: 2 });
  const ctx: AppContext = {
    config, db, dialect, log, secrets: createSecretBox(loadSecretKey(config.secretKey, config.dataDir)), clock: systemClock, metrics: createMetrics(),
    events: createAppEvents(db, dialect, systemClock), groupListeners: [appsGroupListener], internalCallers: [],
    inlineHookTypes: builtInInlineHookTypes, inlineHookCallObservers: [afterHookCall],
  };
  try {
    await migrateToLatest(db);
    return await run(ctx);
  } finally {
    await db.destroy();
  }
}

/** The store opener main.ts hands to the command modules (they import no root file). */
export function cliStore(config: Config): WithStore {
  return (run) => withCliStore(config, run);
}
