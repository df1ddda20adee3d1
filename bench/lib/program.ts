/**
 * A server the benchmark runs as a program of its own (the compiled Tollgate CLI, tsx, Node-RED): spawned,
 * waited for until a URL answers, measured from /proc, stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { treeCpuMicros, treeRssMiB } from './process-stats.js';

export interface Program {
  pid: number;
  cpuMicros(): Promise<number>;
  rssMiB(): number;
  /** Stops it with SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
  output(): string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

export async function startProgram(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string; ready: () => Promise<boolean>; timeoutMs?: number }): Promise<Program> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode}: ${output.slice(-2000)}`);
    if (await options.ready().catch(() => false)) break;
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`${command} did not answer in time: ${output.slice(-2000)}`); }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    pid: child.pid!,
    cpuMicros: async () => treeCpuMicros(child.pid!),
    rssMiB: () => treeRssMiB(child.pid!),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    output: () => output,
  };
}
