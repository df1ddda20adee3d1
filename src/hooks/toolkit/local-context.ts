/**
 * A throw-away Tollgate for the developer tools: an in-memory SQLite database with every migration, a random
 * secret key, logs on stderr. The tools create the hook under test in it through the management services, so
 * the hook is validated and called exactly as a server would (same input checks, runner, OAuth, signing).
 */
import { createMetrics } from '../../platform/metrics.js';
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../../platform/config.js';
import { createEvents } from '../../events/events.js';
import { createSqlOutbox } from '../../events/sql-outbox.js';
import { createEventHookSink } from '../event/event-hook-sink.js';
import type { AppContext } from '../../platform/context.js';
import { createSecretBox } from '../../platform/crypto.js';
import { migrateToLatest, openDatabase } from '../../platform/db/index.js';
import { closeHttpClient } from '../../platform/http-client.js';
import { newId } from '../../platform/ids.js';
import { systemClock } from '../../platform/time.js';
import { ensureOrgDefaults } from '../../identity/org-defaults.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext } from '../../events/log-event.js';
import { builtInInlineHookTypes } from '../inline/hook-types.js';
import { afterHookCall } from './after-call.js';

export interface LocalContext {
  ctx: AppContext;
  audit: AuditContext;
  close(): Promise<void>;
}

/**
 * `allow`: the URLs the person named on the command line. Naming one on loopback (a hook service under
 * development on this machine) is the operator's allowance the outbound URL policy asks for; any other host
 * gets the rules a server applies (https, no private addresses), so the check says what a server would.
 */
export async function openLocalContext(options: { issuer?: string; tool: string; allow?: string[] }): Promise<LocalContext> {
  const base = loadConfig({ databaseUrl: 'sqlite::memory:', issuer: options.issuer });
  const named = (options.allow ?? []).flatMap((url) => {
    try {
      const { host, hostname } = new URL(url);
      return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(hostname) ? [host.toLowerCase()] : [];
    } catch {
      return [];
    }
  });
  const config = { ...base, allowedHosts: [...base.allowedHosts, ...named], logLevel: process.env.LOG_LEVEL ?? 'warn' };
  const { db, dialect } = openDatabase(config.databaseUrl);
  const log = pino({ level: config.logLevel }, pino.destination(2));
  const ctx: AppContext = { config, db, dialect, log, secrets: createSecretBox(randomBytes(32)), clock: systemClock, metrics: createMetrics(),
    // Events of the local store reach only its own event hooks (it has no flows).
    events: createEvents({ outbox: createSqlOutbox({ db, dialect, clock: systemClock }), sinks: [createEventHookSink()] }),
    // The local store has no apps, so no app follows its groups.
    groupListeners: [],
    internalCallers: [],
    inlineHookTypes: builtInInlineHookTypes,
    inlineHookCallObservers: [afterHookCall],
  };
  await migrateToLatest(db);
  // The default user type and schema (registration replies are checked against it) and default policies.
  await ensureOrgDefaults(ctx);
  const audit: AuditContext = { actor: SYSTEM_ACTOR, client: clientOf(null, options.tool), transactionId: newId('request') };
  return {
    ctx, audit,
    async close() {
      await closeHttpClient(config);
      await db.destroy();
    },
  };
}
