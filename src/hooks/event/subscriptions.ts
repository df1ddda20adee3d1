/**
 * Which event hooks want an event, answered inside the writer's transaction for every System Log event.
 * The ACTIVE and VERIFIED hooks and their compiled filters are cached per process; one row
 * (`event_hook_config_version`) is bumped by every change to what hooks receive and read on each write,
 * so every instance sees a change made by any other from its next event on (src/events/subscription-version.ts).
 */
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { LogEvent } from '../../events/log-event.js';
import { currentSubscriptionVersion } from '../../events/subscription-version.js';
import { compileFilter, type CompiledFilter } from './filter/evaluate.js';
import type { FilterCondition } from './event-hook-input.js';

interface Subscriber {
  hookId: string;
  filter?: CompiledFilter;
}

interface Subscriptions {
  version: number;
  byType: Map<string, Subscriber[]>;
}


async function load(ctx: AppContext, db: Executor, version: number): Promise<Subscriptions> {
  const rows = await db.selectFrom('event_hooks').select(['id', 'events', 'filter'])
    .where('status', '=', 'ACTIVE').where('verification_status', '=', 'VERIFIED').execute();
  const byType = new Map<string, Subscriber[]>();
  for (const row of rows) {
    const filters = new Map<string, CompiledFilter | 'broken'>();
    for (const f of row.filter ? (JSON.parse(row.filter) as FilterCondition[]) : []) {
      try {
        filters.set(f.event, compileFilter(f.expression));
      } catch (err) {
        // Stored filters were checked at creation; one that no longer compiles lets nothing through.
        ctx.log.error({ err, hookId: row.id, event: f.event }, 'event hook filter does not compile');
        filters.set(f.event, 'broken');
      }
    }
    for (const type of JSON.parse(row.events) as string[]) {
      const filter = filters.get(type);
      if (filter === 'broken') continue;
      const list = byType.get(type) ?? [];
      list.push({ hookId: row.id, filter });
      byType.set(type, list);
    }
  }
  return { version, byType };
}

/**
 * The ids of the ACTIVE and VERIFIED hooks subscribed to the event's type whose filter (if any) matches it.
 * `knownVersion`: the version as the caller already read it in this transaction (saves a query).
 */
export type EventHooksFor = (ctx: AppContext, db: Executor, event: LogEvent, knownVersion?: number) => Promise<string[]>;

/** A subscription lookup with its own cache (one per event-hook sink, so per server). */
export function createEventHookSubscriptions(): EventHooksFor {
  let subs: Subscriptions | undefined;
  return async (ctx, db, event, knownVersion) => {
    const version = knownVersion ?? await currentSubscriptionVersion(db);
    if (!subs || subs.version !== version) subs = await load(ctx, db, version);
    const subscribers = subs.byType.get(event.eventType);
    if (!subscribers) return [];
    return subscribers.filter((s) => !s.filter || s.filter.matches(event)).map((s) => s.hookId);
  };
}
