import type { AppContext } from './context.js';

/**
 * How a command-line command reaches the configured store: opens it (migrated, logs on stderr), runs, and
 * closes it. The composition root builds one (`cliStore(config)` in src/cli-store.ts, with the same event
 * sinks as a server) and hands it to the command modules, which so import no root file.
 */
export type WithStore = <T>(run: (ctx: AppContext) => Promise<T>) => Promise<T>;
