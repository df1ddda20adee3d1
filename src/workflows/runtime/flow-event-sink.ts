/**
 * Flows that start on Okta events ("User Created", "User Added to Group", ...) as a sink of the event
 * outbox: the System Log writer queues one row per active flow whose event card listens to the event's
 * type, in the transaction of the change (so what rolls back starts nothing), and the dispatcher hands
 * each row to `deliver`, which runs the flow with the event as its trigger.
 *
 * Outcomes, decided here:
 * - The flow ran (whether it succeeded or failed): DELIVERED. A flow that fails is a failed execution in
 *   its history, as in Okta; it is not run again.
 * - The flow could not be run at all (the host failed, e.g. the database was unreachable): tried again
 *   after 30 s, at most 3 times in all, then FAILED with the error in the outbox row.
 * - The flow was turned off after the event was queued: the row waits (RELEASE) and runs if the flow is
 *   turned on again, like an event hook's rows while it is inactive. Deleting a flow deletes its rows.
 * - One event per batch: each row is one run, so a retry never runs another event's flow again. Rows of
 *   one flow run one after another, in the order the events were published.
 * - A run longer than HANDOFF_MS goes on in the background and the row is marked DELIVERED then, so that
 *   the outbox lease (60 s) never runs out under a live run and starts it a second time. A process killed
 *   before the hand-off runs the event again after restart (at least once).
 */
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { LogEvent } from '../../events/log-event.js';
import type { BatchOutcome, EventSink, LiveTarget, OutboxItem } from '../../events/sink.js';
import { currentSubscriptionVersion } from '../../events/subscription-version.js';
import { eventTypesOfCard } from '../cards/okta/events/event-types.js';
import type { FlowDefinition } from '../model/index.js';
import { workflowRuntime } from './workflow-runtime.js';
import { runStoredFlow } from './run-stored-flow.js';

export const FLOW_EVENT_SINK = 'flow';
/** How long `deliver` waits for a run before letting it go on in the background. */
export const HANDOFF_MS = 30_000;
const RETRY_AFTER_MS = 30_000;
const MAX_ATTEMPTS = 3;

interface EventFlows {
  /** The subscription version this was built at (flows.service bumps it with every flow change). */
  version: number;
  /** Active flows by the event type their event card listens to. */
  byType: Map<string, string[]>;
  /** Every active flow that starts on an event. */
  ids: Set<string>;
}

async function load(db: Executor, version: number): Promise<EventFlows> {
  const rows = await db.selectFrom('workflow_flows').select(['id', 'definition']).where('status', '=', 'ACTIVE').execute();
  const byType = new Map<string, string[]>();
  const ids = new Set<string>();
  for (const row of rows) {
    let start: string | undefined;
    try {
      start = (JSON.parse(row.definition) as FlowDefinition).cards[0]?.type;
    } catch {
      continue;
    }
    for (const type of eventTypesOfCard(start)) {
      byType.set(type, [...(byType.get(type) ?? []), row.id]);
      ids.add(row.id);
    }
  }
  return { version, byType, ids };
}

/** The flow sink of one server, with its own cache of the active event flows. */
export function createFlowEventSink(): EventSink {
  let cached: EventFlows | undefined;
  /**
   * The active event flows, read again only when the subscription version moved. In the writer's transaction
   * the System Log insert has already read the version (`knownVersion`): no query at all while nothing changed.
   */
  const eventFlows = async (db: Executor, knownVersion?: number): Promise<EventFlows> => {
    const version = knownVersion ?? await currentSubscriptionVersion(db);
    if (!cached || cached.version !== version) cached = await load(db, version);
    return cached;
  };
  return {
    name: FLOW_EVENT_SINK,

    targetsFor: async (_ctx, db, event: LogEvent, hints) => (await eventFlows(db, hints.subscriptionVersion)).byType.get(event.eventType) ?? [],

    async liveTargets(_ctx, db) {
      const flows = await eventFlows(db);
      return new Map<string, LiveTarget>([...flows.ids].map((id) => [id, { maxBatchSize: 1 }]));
    },

    deliver: (ctx, flowId, items) => deliverToFlow(ctx, flowId, items),
  };
}

async function deliverToFlow(ctx: AppContext, flowId: string, items: OutboxItem[]): Promise<BatchOutcome> {
  let flow;
  try {
    flow = await workflowRuntime(ctx).flows.getById(flowId);
  } catch (err) {
    return retry(ctx, items, err);
  }
  if (!flow) return { result: 'GIVE_UP', deadLetter: false, error: 'The flow no longer exists' };
  if (!flow.active) return { result: 'RELEASE' };
  for (const item of items) {
    const run = runStoredFlow(ctx, flow, { kind: 'event', event: item.event as unknown as Record<string, unknown> });
    let timer: NodeJS.Timeout | undefined;
    const handedOff = new Promise<'handed-off'>((resolve) => {
      timer = setTimeout(() => resolve('handed-off'), HANDOFF_MS);
      timer.unref();
    });
    try {
      const outcome = await Promise.race([run, handedOff]);
      if (outcome === 'handed-off') {
        run.catch((err: unknown) => ctx.log.error({ err, flowId, event: item.eventUuid }, 'a flow started by an event could not be run'));
      }
    } catch (err) {
      return retry(ctx, items, err);
    } finally {
      clearTimeout(timer);
    }
  }
  return { result: 'DELIVERED' };
}

function retry(ctx: AppContext, items: OutboxItem[], err: unknown): BatchOutcome {
  const error = `The flow could not be run: ${err instanceof Error ? err.message : String(err)}`;
  ctx.log.error({ err, events: items.map((i) => i.eventUuid) }, 'a flow started by an event could not be run');
  return { result: 'RETRY', at: new Date(ctx.clock().getTime() + RETRY_AFTER_MS), error, giveUpAtAttempts: MAX_ATTEMPTS, deadLetter: false };
}
