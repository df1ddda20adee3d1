import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** Node-RED, the peer in bench/peers/node-red, when installed. */
function nodeRedVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'bench/peers/node-red/node_modules/node-red/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** What a reader needs to judge the figures: the machine, the versions, the date. */
export function machineReport(): string {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} (${os.arch()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} at the start`,
    `- Node ${process.version}; fastify ${versionOf('fastify')}, better-sqlite3 ${versionOf('better-sqlite3')}, pg ${versionOf('pg')}, kysely ${versionOf('kysely')}, autocannon ${versionOf('autocannon')}, node-red ${nodeRedVersion()} (bench peer)`,
    `- Tollgate commit ${commit()}`,
  ].join('\n');
}

/** One line for a section: when, at which commit, on what, with which versions (sections are kept across runs). */
export function runStamp(): string {
  const cpus = os.cpus();
  return `Measured ${new Date().toISOString()} at commit ${commit()}, on ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}; Node ${process.version}, fastify ${versionOf('fastify')}, better-sqlite3 ${versionOf('better-sqlite3')}, autocannon ${versionOf('autocannon')}, node-red ${nodeRedVersion()}.`;
}
