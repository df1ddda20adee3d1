// Compiles the server (tsc -p tsconfig.build.json → dist/) when dist/src/main.js is missing or older than any source
// file, so that `npm start` always runs the compiled JavaScript of this checkout. Run by `prestart`; `npm ci` builds
// through `prepare`. The console has its own check (console/build-if-stale.mjs), run after this one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
const sourcesAt = Math.max(newestSource(path.join(root, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json']
  .map((name) => fs.statSync(path.join(root, name)).mtimeMs));
if (builtAt < sourcesAt) {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // tsc keeps an unchanged output file's time; touch the entry so the next check sees a fresh build.
  const now = new Date();
  fs.utimesSync(entry, now, now);
  fs.chmodSync(entry, 0o755);
}
