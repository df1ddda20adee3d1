/**
 * SQLite, made safe to run under: write transactions start with BEGIN IMMEDIATE, and the database file is
 * watched. Kysely begins every transaction with a plain (deferred) BEGIN, which takes the write lock only at
 * the first write; when another process holds it, SQLite cannot wait for a reader to become a writer without
 * risking a deadlock, so it fails at once (SQLITE_BUSY) and `busy_timeout` never applies. IMMEDIATE takes the
 * lock up front, where the busy timeout does wait. A database file deleted (or replaced) under a running
 * server would go on taking writes into an unlinked file that is gone at the next start: every write checks
 * that the path still names the file that was opened (once per transaction, at its BEGIN), and fails when it
 * does not; `/health` reports it.
 */
import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';

export class DatabaseFileGoneError extends Error {
  constructor(file: string) {
    super(`The database file ${file} was deleted or replaced while the server was running: nothing more is written. Restore it and restart.`);
  }
}

function identityOf(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

export interface SqliteGuard {
  /** Why the store cannot be used, or undefined when it can. */
  problem(): string | undefined;
}

/** Prepared statements kept per SQL text (Kysely prepares each query anew); the oldest go past this many. */
const MAX_CACHED_STATEMENTS = 1_000;

/**
 * Wraps an open database so that statements are prepared once per SQL text and every writing statement
 * first checks the file (see the module comment). Reusing a statement is safe here: better-sqlite3 runs
 * each to completion synchronously, and nothing streams rows (`iterate`) from this store.
 */
export function guardSqlite(database: SQLite.Database, file: string): { database: SQLite.Database; guard: SqliteGuard } {
  const inMemory = file === ':memory:' || file === '';
  const opened = inMemory ? undefined : identityOf(file);
  const problem = () => (inMemory || identityOf(file) === opened ? undefined : new DatabaseFileGoneError(file).message);
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (target: SQLite.Database, source: string): SQLite.Statement => {
    let statement = statements.get(source);
    if (!statement) {
      statement = target.prepare(source);
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.delete(statements.keys().next().value!);
      statements.set(source, statement);
    }
    return statement;
  };
  const guarded = new Proxy(database, {
    get(target, property) {
      if (property === 'prepare') {
        return (source: string) => {
          const statement = prepared(target, source);
          // Inside a transaction its BEGIN (a writing statement) was checked already: one stat per transaction.
          if (!inMemory && !statement.reader && !target.inTransaction && identityOf(file) !== opened) throw new DatabaseFileGoneError(file);
          return statement;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { database: guarded, guard: { problem } };
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Kysely's SQLite dialect with BEGIN IMMEDIATE transactions. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}
