/**
 * Readiness (`GET /ready`): this instance can serve, i.e. its database answers a query and has run every
 * migration this build has. Liveness (`GET /health`) only says the process answers HTTP.
 */
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { pendingMigrations } from '../platform/db/index.js';

export type Readiness =
  | { ready: true; database: string; migrations: 'current' }
  | { ready: false; reason: string };

export async function checkReadiness(ctx: AppContext): Promise<Readiness> {
  try {
    await sql`select 1`.execute(ctx.db);
  } catch (err) {
    return { ready: false, reason: `The database does not answer: ${err instanceof Error ? err.message : String(err)}` };
  }
  let pending: string[];
  try {
    pending = await pendingMigrations(ctx.db);
  } catch (err) {
    return { ready: false, reason: `The migration table cannot be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (pending.length > 0) return { ready: false, reason: `Database migrations not run: ${pending.join(', ')}` };
  return { ready: true, database: ctx.dialect, migrations: 'current' };
}
