import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { SecretBox } from './crypto.js';
import type { Db, DialectName } from './db/index.js';
import type { Metrics } from './metrics.js';
import type { Clock } from './time.js';

/** What every service function gets as its first argument: no globals, no singletons. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: DialectName;
  log: Logger;
  secrets: SecretBox;
  clock: Clock;
  /** This server's Prometheus counters (`createMetrics()`; GET /metrics). */
  metrics: Metrics;
}
