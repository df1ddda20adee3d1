/**
 * One row (`event_hook_config_version`) bumped by every change to what any sink receives and read with each
 * System Log insert, so every instance sees a change made by any other from its next event on.
 */
import type { Executor } from '../platform/db/index.js';

/**
 * Call in the transaction of every change to what a sink receives: a hook's status, verification, event types
 * or filter, and a flow's status or definition (its event card).
 */
export async function bumpSubscriptionVersion(db: Executor): Promise<void> {
  await db.updateTable('event_hook_config_version').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', 1).execute();
}

export async function currentSubscriptionVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('event_hook_config_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}
