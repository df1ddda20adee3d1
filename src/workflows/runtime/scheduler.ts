/**
 * Runs scheduled flows (Okta's flow-level `cron`, in its time zone) at their ticks, each tick once across
 * every instance sharing the database: an instance that finds a tick due claims it by inserting
 * (flow_id, tick) into `flow_schedule_ticks`; the primary key lets one insert win, and only the winner
 * runs the flow, with the trigger `{kind: 'schedule', scheduledAt}`.
 *
 * - Only the latest due tick of a flow is ever considered, so after a time with no instance running, a
 *   flow runs at most once for the ticks it missed (the last one), as soon as an instance is up.
 * - Ticks from before the flow was last turned on or saved are not run (turning a flow on does not run
 *   the tick that just passed).
 * - A flow runs while it is on and its schedule is enabled. Flows imported before the model had
 *   `schedule` keep Okta's `cron` and `scheduled` in their Okta bag; those are read too.
 * - Claimed ticks are kept for `retentionMs`, and the latest of each flow always (it is what stops a
 *   restart from running it again).
 */
import os from 'node:os';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { isPlainObject } from '../engine/values/types.js';
import type { ExecutionResult } from '../engine/index.js';
import type { FlowDefinition, FlowSchedule } from '../model/flow.schema.js';
import { workflowRuntime } from './workflow-runtime.js';
import { CronError, nextTick, parseOktaCron, previousTick, type CronSchedule } from './okta-cron.js';
import { runStoredFlow } from './run-stored-flow.js';

export interface SchedulerOptions {
  /** Longest sleep between looks (flows turned on by another instance are seen within it). */
  pollMs: number;
  /** How long claimed ticks are kept (the latest of each flow is kept anyway). */
  retentionMs: number;
  /** Names this instance in the claims. */
  instance: string;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  pollMs: 5_000,
  retentionMs: 30 * 24 * 3600 * 1000,
  instance: `${os.hostname()}/${process.pid}`,
};

const PURGE_EVERY_MS = 60 * 60 * 1000;

/** A tick this instance claimed and started. */
export interface ClaimedTick {
  flowId: string;
  tick: string;
  /** Resolves when the run ends (never rejects; undefined when the flow could not be run). */
  done: Promise<ExecutionResult | undefined>;
}

export interface FlowScheduler {
  /** Claims and starts every tick due now (the loop calls it; tests drive it with a fake clock). */
  runDue(): Promise<ClaimedTick[]>;
  /** The earliest tick after now of any scheduled flow. */
  nextDue(): Promise<Date | undefined>;
  /** Stops the loop (if started); runs already started go on and are recorded by the runtime. */
  stop(): Promise<void>;
}

interface ScheduledFlow {
  id: string;
  schedule: CronSchedule;
  /** Ticks at or before this (the flow's last change: turned on, saved) are not run. */
  since: number;
}

interface Scheduled {
  fingerprint: string;
  flows: ScheduledFlow[];
}

/** The schedule of a stored flow: the model's, else Okta's `cron` kept in the bag of an older import. */
export function scheduleOf(definition: FlowDefinition): FlowSchedule | undefined {
  if (definition.schedule) return definition.schedule;
  const data = definition.okta?.data;
  if (isPlainObject(data) && data.scheduled === true && isPlainObject(data.cron)) return { cron: data.cron, enabled: true };
  return undefined;
}

/** Changes when a flow is turned on or off or saved (see flow-event-sink.ts for why). */
async function fingerprintOf(db: Executor): Promise<string> {
  const row = await db.selectFrom('workflow_flows')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number | string | null>('version').as('versions'), eb.fn.max('last_updated').as('newest')])
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}|${Number(row?.versions ?? 0)}|${String(row?.newest ?? '')}`;
}

async function loadScheduled(ctx: AppContext, fingerprint: string): Promise<Scheduled> {
  const rows = await ctx.db.selectFrom('workflow_flows').select(['id', 'definition', 'last_updated']).where('status', '=', 'ACTIVE').execute();
  const flows: ScheduledFlow[] = [];
  for (const row of rows) {
    let schedule: FlowSchedule | undefined;
    try {
      schedule = scheduleOf(JSON.parse(row.definition) as FlowDefinition);
    } catch {
      continue;
    }
    if (!schedule?.enabled) continue;
    try {
      flows.push({ id: row.id, schedule: parseOktaCron(schedule.cron), since: Date.parse(row.last_updated) });
    } catch (err) {
      if (!(err instanceof CronError)) throw err;
      ctx.log.warn({ flowId: row.id, reason: err.message }, 'a scheduled flow has a schedule Tollgate cannot read; it does not run');
    }
  }
  return { fingerprint, flows };
}

/** A scheduler without a loop: `runDue` does one pass. */
export function createFlowScheduler(ctx: AppContext, options: Partial<SchedulerOptions> = {}): FlowScheduler {
  const opts = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
  let scheduled: Scheduled | undefined;
  /** The last tick this instance handled per flow (claimed or found claimed), to not try it again. */
  const handled = new Map<string, string>();
  let lastPurge = 0;

  async function current(): Promise<ScheduledFlow[]> {
    const fingerprint = await fingerprintOf(ctx.db);
    if (!scheduled || scheduled.fingerprint !== fingerprint) scheduled = await loadScheduled(ctx, fingerprint);
    return scheduled.flows;
  }

  async function claim(flowId: string, tick: string): Promise<boolean> {
    const won = await ctx.db.insertInto('flow_schedule_ticks')
      .values({ flow_id: flowId, tick, claimed_by: opts.instance, claimed_at: ctx.clock().toISOString(), execution_id: null })
      .onConflict((oc) => oc.columns(['flow_id', 'tick']).doNothing())
      .returning('flow_id')
      .execute();
    return won.length > 0;
  }

  async function run(flowId: string, tick: string): Promise<ExecutionResult | undefined> {
    try {
      const flow = await workflowRuntime(ctx).flows.getById(flowId);
      if (!flow?.active) return undefined;
      const result = await runStoredFlow(ctx, flow, { kind: 'schedule', scheduledAt: tick });
      await ctx.db.updateTable('flow_schedule_ticks').set({ execution_id: result.executionId }).where('flow_id', '=', flowId).where('tick', '=', tick).execute();
      return result;
    } catch (err) {
      ctx.log.error({ err, flowId, tick }, 'a scheduled flow could not be run');
      return undefined;
    }
  }

  async function purge(now: number): Promise<void> {
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    const olderThan = new Date(now - opts.retentionMs).toISOString();
    await ctx.db.deleteFrom('flow_schedule_ticks')
      .where('claimed_at', '<', olderThan)
      .where('tick', '<', sql<string>`(select max(t.tick) from flow_schedule_ticks t where t.flow_id = flow_schedule_ticks.flow_id)`)
      .execute();
  }

  return {
    async runDue() {
      const now = ctx.clock();
      await purge(now.getTime());
      const started: ClaimedTick[] = [];
      for (const flow of await current()) {
        const due = previousTick(flow.schedule, now);
        if (!due || due.getTime() <= flow.since) continue;
        const tick = due.toISOString();
        if (handled.get(flow.id) === tick) continue;
        const won = await claim(flow.id, tick);
        handled.set(flow.id, tick);
        if (won) started.push({ flowId: flow.id, tick, done: run(flow.id, tick) });
      }
      return started;
    },

    async nextDue() {
      const now = ctx.clock();
      let earliest: Date | undefined;
      for (const flow of await current()) {
        const next = nextTick(flow.schedule, now);
        if (next && (!earliest || next < earliest)) earliest = next;
      }
      return earliest;
    },

    async stop() {},
  };
}

/** Starts the scheduler loop of a server; `stop` ends it (call before the runtime closes). */
export function startFlowScheduler(ctx: AppContext, options: Partial<SchedulerOptions> = {}): FlowScheduler {
  const opts = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
  const scheduler = createFlowScheduler(ctx, opts);
  let stopped = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) => new Promise<void>((resolve) => {
    if (stopped) { resolve(); return; }
    const timer = setTimeout(done, ms);
    function done() { clearTimeout(timer); wake = undefined; resolve(); }
    wake = done;
  });

  const loop = (async () => {
    while (!stopped) {
      let wait = opts.pollMs;
      try {
        await scheduler.runDue();
        const next = await scheduler.nextDue();
        // Wake just after the next tick, or at the poll interval to see flows changed elsewhere.
        if (next) wait = Math.max(10, Math.min(opts.pollMs, next.getTime() - ctx.clock().getTime() + 5));
      } catch (err) {
        if (stopped) break;
        ctx.log.error({ err }, 'the flow scheduler could not read the scheduled flows');
      }
      await sleep(wait);
    }
  })();

  return {
    runDue: () => scheduler.runDue(),
    nextDue: () => scheduler.nextDue(),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
