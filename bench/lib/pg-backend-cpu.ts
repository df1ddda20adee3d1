/**
 * CPU time of the PostgreSQL server processes serving one database (its backends, from pg_stat_activity and
 * /proc): the server's share of a benchmark's work, when PostgreSQL runs on the same machine. The shared
 * processes (WAL writer, checkpointer) are left out.
 */
import pg from 'pg';
import { cpuMicrosOf } from './process-stats.js';

async function backendPids(databaseUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** Starts counting; `stop()` gives the µs the database's backends used since (backends started meanwhile included). */
export async function pgBackendCpu(databaseUrl: string): Promise<{ stop(): Promise<number> }> {
  const before = cpuMicrosOf(await backendPids(databaseUrl));
  return {
    async stop() {
      let total = 0;
      for (const [pid, us] of cpuMicrosOf(await backendPids(databaseUrl))) total += us - (before.get(pid) ?? 0);
      return total;
    },
  };
}
