/**
 * The System Log row of an event, and its plain insert. The insert reads the subscription version with it
 * (`event_hook_config_version`, see subscription-version.ts), saving a round trip: it tells the sinks
 * whether their cached subscriptions are current.
 */
import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { SystemLogTable } from '../platform/db/schema.js';
import type { LogEvent } from './log-event.js';

export type SystemLogRow = Insertable<SystemLogTable>;

export function systemLogRow(event: LogEvent): SystemLogRow {
  return {
    uuid: event.uuid,
    published: event.published,
    event_type: event.eventType,
    severity: event.severity,
    outcome_result: event.outcome.result,
    actor_id: event.actor.id,
    target_ids: ' ' + (event.target ?? []).map((t) => t.id).join(' ') + ' ',
    transaction_id: event.transaction.id,
    display_message: event.displayMessage,
    body: JSON.stringify(event),
  };
}

/** Inserts the row; returns the subscription version as the same statement read it. */
export async function insertSystemLogRow(db: Executor, row: SystemLogRow): Promise<number> {
  const written = await db.insertInto('system_log').values(row)
    .returning((eb) => eb.selectFrom('event_hook_config_version').select('version').where('id', '=', 1).as('event_hook_version'))
    .executeTakeFirst();
  return Number(written?.event_hook_version ?? 0);
}
