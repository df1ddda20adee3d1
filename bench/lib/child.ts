import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/** A helper process of a benchmark: started with tsx, it prints one JSON line when ready. */
export interface Child<T> {
  info: T;
  stop(): Promise<void>;
}

export async function startChild<T>(script: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_CHILD_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), '--import', import.meta.resolve('tsx'), path.resolve(import.meta.dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const info = await new Promise<T>((resolve, reject) => {
    let ready = false;
    // The first JSON object line says the child is ready; anything else it prints goes to stderr.
    lines.on('line', (line) => {
      if (!ready && line.startsWith('{')) {
        try {
          const parsed = JSON.parse(line) as T;
          ready = true;
          resolve(parsed);
          return;
        } catch {
          // not the ready line
        }
      }
      process.stderr.write(`[${path.basename(script)}] ${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)));
  });
  return {
    info,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
