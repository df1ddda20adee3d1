/**
 * The SQLite execution writer's thread: its own better-sqlite3 connection to the server's database file,
 * one BEGIN IMMEDIATE transaction per batch, so SQLite's commit (and the WAL sync) never runs on the event
 * loop that answers requests. Plain erasable TypeScript importing no project file: Node runs it as is
 * (type stripping) from the sources and tsc compiles it beside the writer for dist/.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

interface WriterData {
  file: string;
}
type Row = Record<string, string | number | null>;

const { file } = workerData as WriterData;
const identityOf = (): string | undefined => {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
};
const opened = identityOf();
const database = new Database(file);
database.pragma('journal_mode = WAL');
database.pragma('busy_timeout = 5000');

const statements = new Map<string, Database.Statement>();
function insertOf(columns: string[]): Database.Statement {
  const key = columns.join(',');
  let statement = statements.get(key);
  if (!statement) {
    const names = columns.map((column) => `"${column}"`).join(', ');
    statement = database.prepare(`insert into "workflow_executions" (${names}) values (${columns.map(() => '?').join(', ')})`);
    statements.set(key, statement);
  }
  return statement;
}
const insertAll = database.transaction((rows: Row[]) => {
  for (const row of rows) {
    const columns = Object.keys(row);
    insertOf(columns).run(...columns.map((column) => row[column]));
  }
});

// The retention rules, as executions.store.ts writes them (deleteExecutionsBefore, crowdedFlows,
// deleteExecutionsBeyond); each statement commits on its own, so no delete holds the write lock for long.
const deleteBefore = database.prepare('delete from "workflow_executions" where "started" < ?');
const crowded = database.prepare('select "flow_id" from "workflow_executions" group by "flow_id" having count(*) > ?').pluck();
const oldestKept = database.prepare('select "started", "id" from "workflow_executions" where "flow_id" = ? order by "started" desc, "id" desc limit 1 offset ?');
const deleteBeyond = database.prepare('delete from "workflow_executions" where "flow_id" = ? and ("started" < ? or ("started" = ? and "id" < ?))');

interface Retention {
  trim: string[];
  keep: number;
  olderThan?: string;
}

function applyRetention({ trim, keep, olderThan }: Retention): void {
  const flows = new Set(trim);
  if (olderThan !== undefined) {
    deleteBefore.run(olderThan);
    for (const flowId of crowded.all(keep) as string[]) flows.add(flowId);
  }
  for (const flowId of flows) {
    const kept = oldestKept.get(flowId, keep - 1) as { started: string; id: string } | undefined;
    if (kept) deleteBeyond.run(flowId, kept.started, kept.started, kept.id);
  }
}

parentPort?.on('message', (message: { id: number; rows: Row[]; retention: Retention }) => {
  try {
    // The same check as the main connection's guard: never write into a deleted or replaced file.
    if (identityOf() !== opened) throw new Error(`The database file ${file} was deleted or replaced while the server was running: nothing more is written. Restore it and restart.`);
    if (message.rows.length > 0) insertAll.immediate(message.rows);
    applyRetention(message.retention);
    parentPort?.postMessage({ id: message.id });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
