/**
 * The installed program: the compiled CLI in dist/ (what `npm ci` builds, `bin/tollgate` and `npm start` run),
 * started as a user starts it, as a real process: help, a flow run, a server that answers and stops on SIGTERM.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { randomBase62 } from '../src/platform/ids.js';
import { contractorsFlow } from '../src/workflows/demo-flows/contractors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
const BIN = path.join(ROOT, packageJson.bin.tollgate);

vi.setConfig({ testTimeout: 120_000 });
let dir: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, LOG_LEVEL: 'silent' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  // Under `npm test` the pretest step has built dist/ already; this only builds when it is stale.
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { stdio: 'inherit' });
  expect(built.status).toBe(0);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-bin-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the compiled CLI', () => {
  test('package.json points bin and npm start at compiled JavaScript that exists, with a node shebang', () => {
    expect(packageJson.bin.tollgate).toMatch(/^dist\/.*\.js$/);
    expect(packageJson.scripts.start).toContain(packageJson.bin.tollgate);
    expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('--help lists the commands', async () => {
    const res = await cli('--help');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Usage: tollgate');
    expect(res.stdout).toMatch(/\bstart\b/);
    expect(res.stdout).toMatch(/\bflow\b/);
  });

  test('flow run runs a flow file from the compiled engine', async () => {
    fs.writeFileSync(path.join(dir, 'contractors.json'), JSON.stringify(contractorsFlow));
    const res = await cli('flow', 'run', 'contractors.json', '--input', JSON.stringify({ data: { userProfile: { email: 'jane@atko.email' } } }));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).body).toEqual({ commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] });
  });

  test('start serves /health and exits 0 on SIGTERM', async () => {
    const data = path.join(dir, 'data');
    const child = spawn(process.execPath, [BIN, 'start', '--no-demo', '--port', '0', '--data', data], {
      cwd: dir,
      env: { ...process.env, HOST: '127.0.0.1', TOLLGATE_ADMIN_TOKEN: '00' + randomBase62(40), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /Tollgate is running on (http:\/\/\S+)/.exec(output);
        if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
      });
      child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      void exited.then((code) => reject(new Error(`tollgate exited with ${code}: ${output}`)));
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(fs.existsSync(path.join(data, 'tollgate.db'))).toBe(true);
  });
});
