import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/** A helper process of a benchmark: started with tsx, it prints one JSON line when ready. */
export interface Child<T> {
  info: T;
  /** CPU time the child has used so far, in microseconds (user + system). */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Children answer `cpu` on stdin with `{"cpu": <µs>}`: CPU time per request stays meaningful when the
 * machine is busy, where wall-clock throughput does not.
 */
export function answerCpuQueries(): void {
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'cpu') return;
    const usage = process.cpuUsage();
    process.stdout.write(JSON.stringify({ cpu: usage.user + usage.system }) + '\n');
  });
}

export async function startChild<T>(script: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_CHILD_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), '--import', import.meta.resolve('tsx'), path.resolve(import.meta.dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const cpuWaiters: Array<(micros: number) => void> = [];
  const info = await new Promise<T>((resolve, reject) => {
    let ready = false;
    // The first JSON object line says the child is ready; `{"cpu"}` lines answer queries; the rest goes to stderr.
    lines.on('line', (line) => {
      if (line.startsWith('{')) {
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (!ready) {
            ready = true;
            resolve(parsed as T);
            return;
          }
          if (typeof parsed.cpu === 'number') {
            cpuWaiters.shift()?.(parsed.cpu);
            return;
          }
        } catch {
          // not one of ours
        }
      }
      process.stderr.write(`[${path.basename(script)}] ${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)));
  });
  return {
    info,
    cpuMicros: () => new Promise<number>((resolve) => {
      cpuWaiters.push(resolve);
      child.stdin!.write('cpu\n');
    }),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
