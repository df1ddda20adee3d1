// Runs the Dockerfile's steps without Docker, for machines with no Docker engine (CI's): the build stage's COPY
// and RUN steps in a temporary directory (apt-get steps are checked for, not run, when their packages are there),
// then the runtime stage's COPY --from steps into a second directory, and its CMD with its ENV, until the
// HEALTHCHECK command passes. Exits non-zero, naming the step, when any step fails.
//   node scripts/check-dockerfile.mjs [--keep]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Instructions of the Dockerfile, continuation lines joined, comments dropped. */
export function parseDockerfile(text) {
  const joined = text.replace(/\\\r?\n/g, ' ');
  const stages = [];
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op) throw new Error(`Unreadable Dockerfile line: ${line}`);
    const instruction = { op: op.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.op === 'FROM') stages.push({ from: rest, name: / AS (\S+)$/i.exec(rest)?.[1], steps: [] });
    else if (stages.length) stages.at(-1).steps.push(instruction);
  }
  return stages;
}

const jsonOrShell = (args) => (args.startsWith('[') ? JSON.parse(args) : ['/bin/sh', '-c', args]);

function copyTracked(dest) {
  const ignore = fs.readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  for (const file of files) {
    if (ignore.some((pattern) => file === pattern || file.startsWith(`${pattern}/`))) continue;
    if (!fs.existsSync(path.join(root, file))) continue;
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dest, file));
  }
}

function run(step, cwd, env) {
  process.stdout.write(`• RUN ${step}\n`);
  if (/^apt-get /.test(step)) {
    const wanted = /install .*?((?:\s[a-z0-9+.-]+)+)\s*(&&|$)/.exec(step)?.[1].trim().split(/\s+/).filter((p) => !p.startsWith('-')) ?? [];
    const missing = wanted.filter((pkg) => spawnSync('dpkg', ['-s', pkg], { stdio: 'ignore' }).status !== 0);
    if (missing.length === 0) { process.stdout.write('  (packages present: not run)\n'); return; }
  }
  const result = spawnSync('/bin/sh', ['-c', step], { cwd, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`Dockerfile step failed (exit ${result.status}): RUN ${step}`);
}

async function freePort() {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
}

async function main() {
  const stages = parseDockerfile(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  const [build, runtime] = [stages.find((s) => s.name), stages.at(-1)];
  if (!build || !runtime || build === runtime) throw new Error('The Dockerfile must have a named build stage and a runtime stage');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-dockerfile-'));
  const buildDir = path.join(work, 'build');
  const runDir = path.join(work, 'runtime');
  const dataDir = path.join(work, 'data');
  const env = { ...process.env, CI: '' };
  try {
    for (const step of build.steps) {
      if (step.op === 'WORKDIR') fs.mkdirSync(buildDir, { recursive: true });
      else if (step.op === 'COPY') {
        const parts = step.args.split(' ');
        if (parts[0] === '.') copyTracked(buildDir);
        else for (const file of parts.slice(0, -1)) fs.copyFileSync(path.join(root, file), path.join(buildDir, file));
      } else if (step.op === 'RUN') run(step.args, buildDir, env);
    }
    const runtimeEnv = { ...env };
    let cmd;
    let healthcheck;
    for (const step of runtime.steps) {
      if (step.op === 'WORKDIR') fs.mkdirSync(runDir, { recursive: true });
      else if (step.op === 'ENV') for (const [, k, v] of step.args.matchAll(/(\w+)=(\S+)/g)) runtimeEnv[k] = v;
      else if (step.op === 'COPY') {
        const [, from, dest] = /--from=\S+ \/app\/(\S+) (\S+)/.exec(step.args) ?? [];
        if (!from) throw new Error(`Unexpected runtime COPY: ${step.args}`);
        if (!fs.existsSync(path.join(buildDir, from))) throw new Error(`The build stage did not produce ${from} (COPY ${step.args})`);
        fs.cpSync(path.join(buildDir, from), path.join(runDir, dest), { recursive: true, verbatimSymlinks: true });
      } else if (step.op === 'CMD') cmd = jsonOrShell(step.args);
      else if (step.op === 'HEALTHCHECK') healthcheck = jsonOrShell(step.args.replace(/^.*?CMD /, ''));
    }
    if (!cmd || !healthcheck) throw new Error('The runtime stage needs a CMD and a HEALTHCHECK');
    runtimeEnv.PORT = String(await freePort());
    runtimeEnv.TOLLGATE_DATA_DIR = dataDir;
    process.stdout.write(`• CMD ${cmd.join(' ')} (PORT=${runtimeEnv.PORT})\n`);
    const server = spawn(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), { cwd: runDir, env: runtimeEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    let exited = false;
    server.on('exit', () => { exited = true; });
    try {
      for (let attempt = 0; ; attempt++) {
        if (exited) throw new Error('The container command exited before it was healthy');
        const probe = spawnSync(healthcheck[0] === 'node' ? process.execPath : healthcheck[0], healthcheck.slice(1), { env: runtimeEnv });
        if (probe.status === 0) break;
        if (attempt > 120) throw new Error('HEALTHCHECK did not pass within 60 s');
        await new Promise((r) => setTimeout(r, 500));
      }
      process.stdout.write('• HEALTHCHECK passed\n');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => (exited ? r() : server.once('exit', r)));
    }
  } finally {
    if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(() => process.stdout.write('Dockerfile steps: OK\n'), (err) => { process.stderr.write(`Dockerfile steps: ${err.message}\n`); process.exit(1); });
}
