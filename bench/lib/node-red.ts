/**
 * Node-RED (bench/peers/node-red, its own package.json and lock file) running the flow in flows.json:
 * installed with `npm ci --prefix bench/peers/node-red` when missing, started with the settings file there
 * (no editor, no admin API) on a loopback port and a throwaway user directory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startProgram, type Program } from './program.js';
import { CONTRACTOR_EMAIL, registrationRequest } from './payloads.js';

const PEER_DIR = path.resolve(import.meta.dirname, '../peers/node-red');
const RED_JS = path.join(PEER_DIR, 'node_modules/node-red/red.js');

/** Installs the peer if needed; its version, or throws why it cannot be installed. */
export function ensureNodeRed(): string {
  if (!fs.existsSync(RED_JS)) {
    const npm = path.join(path.dirname(process.execPath), 'npm');
    execFileSync(fs.existsSync(npm) ? npm : 'npm', ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return (JSON.parse(fs.readFileSync(path.join(PEER_DIR, 'node_modules/node-red/package.json'), 'utf8')) as { version: string }).version;
}

export async function startNodeRed(): Promise<Program & { url: string; cleanUp(): void }> {
  const port = await freePort();
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-node-red-'));
  fs.writeFileSync(path.join(userDir, 'package.json'), '{"name":"node-red-bench-user-dir","private":true}\n');
  const url = `http://127.0.0.1:${port}`;
  const program = await startProgram(process.execPath, [RED_JS, '--settings', path.join(PEER_DIR, 'settings.js'), '--userDir', userDir], {
    env: { NODE_RED_PORT: String(port) },
    ready: async () => {
      const res = await fetch(`${url}/registration-hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: registrationRequest(CONTRACTOR_EMAIL) });
      return res.status === 200 && (await res.text()).includes('Contractor');
    },
  });
  return { ...program, url, cleanUp: () => fs.rmSync(userDir, { recursive: true, force: true }) };
}
