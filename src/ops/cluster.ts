/**
 * `tollgate start --workers N`: N processes (node:cluster) serving the same port, on one SQLite file (WAL,
 * busy_timeout, BEGIN IMMEDIATE) or one PostgreSQL database.
 *
 * - The primary serves nothing: it forks the first worker (the leader), waits until it listens (so that the
 *   migrations, the org's defaults and the demo org are made once), then forks the others (followers).
 * - Work that runs once per start runs in the leader only: the event dispatcher (its "one batch per target in
 *   flight" rule, which keeps a hook's events in order, holds within one process) and the flow scheduler.
 *   A follower that writes an event asks the leader, through the primary, to look at the outbox now.
 *   Everything else is safe in every worker: import jobs are claimed with a worker id and a heartbeat, rate
 *   limits and sessions are rows, the flow cache checks each flow's version, retention deletes are idempotent.
 * - SIGTERM or SIGINT to the primary drains every worker (each closes as `RunningServer.close` says) and the
 *   primary exits 0 when all of them did; a second signal, or the shutdown budget running out, ends them at
 *   once with exit code 1. A worker that dies is forked again in the same role.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { AppContext } from '../platform/context.js';

export type WorkerRole = 'single' | 'leader' | 'follower';

const ROLE_ENV = 'TOLLGATE_WORKER_ROLE';
const READY = 'tollgate:ready';
const WAKE_EVENTS = 'tollgate:wake-events';
const SHUT_DOWN = 'tollgate:shut-down';

/** `--workers` (or TOLLGATE_WORKERS): a whole number from 1 to 64. */
export function parseWorkers(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`--workers must be a whole number from 1 to 64, not ${JSON.stringify(value)}`);
  return n;
}

/** What this process is: a lone server, or the leader or a follower of a cluster. */
export function workerRole(): WorkerRole {
  if (cluster.isPrimary) return 'single';
  return process.env[ROLE_ENV] === 'leader' ? 'leader' : 'follower';
}

/** Runs the primary: forks and watches the workers, drains them on a signal. Resolves with the exit code. */
export function runPrimary(options: { workers: number; timeoutMs: number; log: Logger }): Promise<number> {
  const { workers, timeoutMs, log } = options;
  const roles = new Map<Worker, Exclude<WorkerRole, 'single'>>();
  let leader: Worker | undefined;
  let stopping = false;
  let failed = false;
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((resolve) => { resolveExit = resolve; });

  const fork = (role: Exclude<WorkerRole, 'single'>): Promise<void> => new Promise((resolve, reject) => {
    const worker = cluster.fork({ [ROLE_ENV]: role });
    roles.set(worker, role);
    if (role === 'leader') leader = worker;
    let ready = false;
    worker.on('message', (message: unknown) => {
      if (message === READY) { ready = true; resolve(); }
      // A follower wrote an event: the leader's dispatcher looks at the outbox now instead of at its next poll.
      else if (message === WAKE_EVENTS && leader?.isConnected()) leader.send(WAKE_EVENTS);
    });
    worker.once('exit', (code, signal) => {
      roles.delete(worker);
      if (stopping) {
        if (code !== 0) failed = true;
        if (roles.size === 0) resolveExit(failed ? 1 : 0);
        return;
      }
      if (!ready) { reject(new Error(`worker ${worker.process.pid} (${role}) exited with ${code ?? signal} before it listened`)); return; }
      log.error({ pid: worker.process.pid, role, code, signal }, 'a worker died: starting another');
      void fork(role).catch((err: unknown) => { log.error({ err }, 'could not replace the worker'); stop(1); });
    });
  });

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    failed = code !== 0;
    if (roles.size === 0) { resolveExit(code); return; }
    for (const worker of roles.keys()) if (worker.isConnected()) worker.send(SHUT_DOWN);
    const force = setTimeout(() => {
      log.error({ timeoutMs }, 'the workers did not stop in time: ending them');
      killAll();
      resolveExit(1);
    }, timeoutMs + 1_000);
    force.unref();
  };
  const killAll = () => { for (const worker of roles.keys()) worker.process.kill('SIGKILL'); };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal during shutdown: ending the workers now');
      killAll();
      resolveExit(1);
      return;
    }
    log.info({ signal, workers: roles.size }, 'shutting down: draining the workers');
    stop(0);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  void (async () => {
    try {
      await fork('leader');
      await Promise.all(Array.from({ length: workers - 1 }, () => fork('follower')));
      log.info({ workers }, 'all workers listen');
    } catch (err) {
      log.error({ err }, 'a worker could not start');
      stop(1);
    }
  })();
  return exit;
}

/**
 * In a worker: says it listens, relays the follower's event wakes to the leader, and turns the primary's
 * request (or its disappearance) into the usual SIGTERM shutdown. SIGINT is the primary's to handle (a
 * terminal's Ctrl-C reaches every process of the group, and a second signal would cut the drain short).
 */
/** What a worker needs of the server it runs (the composition root's RunningServer is one). */
export interface ClusterMember {
  ctx: Pick<AppContext, 'events'>;
  wakeEvents(): void;
}

export function joinCluster(server: ClusterMember, role: Exclude<WorkerRole, 'single'>): void {
  if (role === 'follower') server.ctx.events.setWaker(() => { if (process.connected) process.send!(WAKE_EVENTS); });
  let asked = false;
  const shutDown = () => {
    if (asked) return;
    asked = true;
    process.emit('SIGTERM', 'SIGTERM');
  };
  process.on('message', (message: unknown) => {
    if (message === WAKE_EVENTS) server.wakeEvents();
    else if (message === SHUT_DOWN) shutDown();
  });
  process.on('SIGINT', () => {});
  process.once('disconnect', shutDown);
  process.send!(READY);
}
