/**
 * CPU time and resident memory of a process and its descendants, read from /proc (Linux): for servers the
 * benchmark runs as programs (the compiled CLI, its cluster workers, Node-RED), which cannot answer the
 * `cpu` queries of bench/lib/child.ts.
 */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function descendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      for (const task of fs.readdirSync(`/proc/${all[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

/** User + system CPU time of the process tree so far, in µs. */
export function treeCpuMicros(pid: number): number {
  return [...cpuMicrosOf(descendants(pid)).values()].reduce((a, b) => a + b, 0);
}

/** User + system CPU time of each of these processes so far, in µs (those gone are left out). */
export function cpuMicrosOf(pids: readonly number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const p of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu.set(p, ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6);
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

/** Resident memory of the process tree (VmRSS summed; tsx's esbuild helper left out unless `withHelpers`), in MiB. */
export function treeRssMiB(pid: number, withHelpers = false): number {
  let kib = 0;
  for (const p of descendants(pid)) {
    try {
      // (Node-RED renames its process, so helpers are recognised by name rather than node by its name.)
      if (!withHelpers && fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0].endsWith('esbuild')) continue;
      const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kib / 1024;
}
