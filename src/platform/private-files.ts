import fs from 'node:fs';

/*
 * The data directory holds the database, the secret key and the admin token: nobody but the account
 * Tollgate runs as may read it. Directories are created 0700 and database files 0600 (SQLite gives its
 * -wal and -shm files the database file's mode).
 */

/** Creates `dir` (and missing parents) readable by the owner only; an existing directory is left as the operator set it. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates `file` empty with mode 0600 if it does not exist; an existing one (and its -wal, -shm) loses group and other access. */
export function makePrivateDatabaseFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600));
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      const mode = fs.statSync(path).mode & 0o777;
      if (mode & 0o077) fs.chmodSync(path, mode & 0o700);
    } catch {
      // Missing, or owned by someone else: SQLite reports what matters when it opens the file.
    }
  }
}
