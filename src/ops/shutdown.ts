/**
 * Graceful shutdown of `tollgate start` on SIGTERM (what container runtimes and systemd send) and SIGINT
 * (Ctrl-C): the server closes as `RunningServer.close` describes and the process exits 0. If that takes
 * longer than the budget (TOLLGATE_SHUTDOWN_TIMEOUT_MS, 10 s by default), or a second signal comes, the
 * process says so in the log and exits 1 at once.
 */
import type { Logger } from 'pino';

export interface Closable {
  close(options?: { cutOffMs?: number }): Promise<void>;
}

export interface ShutdownOptions {
  timeoutMs: number;
  log: Logger;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

export function exitOnSignals(server: Closable, options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const { log, timeoutMs } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    log.info({ signal, timeoutMs }, 'shutting down: no new connections; finishing the work in flight');
    const force = setTimeout(() => {
      log.error({ timeoutMs }, `shutdown did not finish within ${timeoutMs} ms: exiting anyway (undelivered events stay in the outbox)`);
      exit(1);
    }, timeoutMs);
    force.unref();
    server.close({ cutOffMs: Math.floor(timeoutMs / 2) }).then(
      () => {
        clearTimeout(force);
        log.info('shut down cleanly');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(force);
        log.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
}
