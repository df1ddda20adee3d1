import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tollgate ARGS` from the sources (src/main.ts through tsx) as its own process, as a person runs it:
 * what it printed and its exit code. `input` is written to its stdin. test/cli-build.test.ts runs the compiled one.
 */
export function runTollgate(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts'), ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...options.env } }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
