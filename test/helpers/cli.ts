import { execFile, spawn, type ChildProcess } from 'node:child_process';
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

export interface RunningTollgate {
  child: ChildProcess;
  /** What it printed so far, stdout and stderr together. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a long-running `tollgate ARGS` (such as `start`) from the sources, and resolves once its output
 * matches `ready` (rejects if it exits first). The caller stops it (SIGTERM) and awaits `exited`.
 */
export async function spawnTollgate(args: string[], ready: RegExp, options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningTollgate> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { clearInterval(poll); reject(new Error(`tollgate did not print ${ready} in time: ${output}`)); }, options.timeoutMs ?? 60_000);
    const poll = setInterval(() => { if (ready.test(output)) { clearInterval(poll); clearTimeout(timer); resolve(); } }, 50);
    void exited.then(({ code }) => { clearInterval(poll); clearTimeout(timer); reject(new Error(`tollgate exited with ${code}: ${output}`)); });
  });
  return { child, output: () => output, exited };
}
