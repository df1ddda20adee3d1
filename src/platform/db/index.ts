import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_MIGRATION_TABLE, Kysely, Migrator, sql, PostgresDialect, type Migration, type MigrationProvider, type Transaction } from 'kysely';
import type { Database } from './schema.js';
import { guardSqlite, ImmediateSqliteDialect, type SqliteGuard } from './sqlite-guard.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_workflows.js';
import * as m0003 from './migrations/0003_event_hooks.js';
import * as m0004 from './migrations/0004_apps.js';
import * as m0005 from './migrations/0005_oauth.js';
import * as m0006 from './migrations/0006_imports.js';
import * as m0007 from './migrations/0007_factors.js';
import * as m0008 from './migrations/0008_workflow_tables.js';
import * as m0010 from './migrations/0010_execution_links.js';
import * as m0009 from './migrations/0009_flow_schedules.js';
import * as m0013 from './migrations/0013_identity_sources.js';
import * as m0012 from './migrations/0012_app_group_assignments.js';
import * as m0011 from './migrations/0011_workflow_connections.js';
import { makePrivateDatabaseFile, makePrivateDir } from '../private-files.js';
import * as m0014 from './migrations/0014_default_enrollment_form.js';
import * as m0015 from './migrations/0015_hook_toolkit.js';
import * as m0016 from './migrations/0016_oauth_store_sealed.js';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: every query function accepts both. */
export type Executor = Db | Trx;
export type DialectName = 'sqlite' | 'postgres';

/** Migrations, in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_workflows': m0002,
  '0003_event_hooks': m0003,
  '0004_apps': m0004,
  '0005_oauth': m0005,
  '0006_imports': m0006,
  '0007_factors': m0007,
  '0008_workflow_tables': m0008,
  '0010_execution_links': m0010,
  '0009_flow_schedules': m0009,
  '0013_identity_sources': m0013,
  '0012_app_group_assignments': m0012,
  '0011_workflow_connections': m0011,
  '0014_default_enrollment_form': m0014,
  '0015_hook_toolkit': m0015,
  '0016_oauth_store_sealed': m0016,
};

class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export function dialectOf(url: string): DialectName {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgres' : 'sqlite';
}

export function sqliteFileOf(url: string): string {
  return url.replace(/^sqlite:(\/\/)?/i, '');
}

export function openDatabase(url: string): { db: Db; dialect: DialectName } {
  const dialect = dialectOf(url);
  if (dialect === 'postgres') {
    // Parse BIGINT (int8) as number: our bigints are epoch milliseconds and counters.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle connection the server ended (a restart, pg_terminate_backend, a dropped database) leaves the
    // pool by itself and the next query opens a new one; without a listener its 'error' would stop the process.
    pool.on('error', () => {});
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect };
  }
  const file = sqliteFileOf(url);
  if (file !== ':memory:') {
    makePrivateDir(path.dirname(path.resolve(file)));
    makePrivateDatabaseFile(path.resolve(file));
  }
  const opened = new SQLite(file);
  opened.pragma('journal_mode = WAL');
  opened.pragma('busy_timeout = 5000');
  opened.pragma('foreign_keys = ON');
  const { database, guard } = guardSqlite(opened, file === ':memory:' ? file : path.resolve(file));
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database }) });
  guards.set(db, guard);
  return { db, dialect };
}

const guards = new WeakMap<Db, SqliteGuard>();

/** Why the store cannot be used (a SQLite file deleted under the server), or undefined. For /health. */
export function storeProblem(db: Db): string | undefined {
  return guards.get(db)?.problem();
}

function migratorOf(db: Db): Migrator {
  // Features add their migrations independently of each other, so one may land after a later-numbered one.
  return new Migrator({ db, provider: new ListedMigrations(), allowUnorderedMigrations: true });
}

/**
 * Names of the migrations this build has that the database has not run. One query on Kysely's migration
 * table (Migrator.getMigrations introspects every table first: too much for a readiness probe); throws when
 * the table is missing.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
  const done = new Set(rows.map((r) => r.name));
  return Object.keys(migrations).filter((name) => !done.has(name));
}

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = migratorOf(db);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
