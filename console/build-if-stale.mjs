// Builds the console (vite build console) when console/dist is missing or older than its sources, so that
// `npm start` and `npm test` always serve the console of this checkout. Run by `prestart` and `pretest`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const built = path.join(root, 'dist', 'index.html');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
if (builtAt >= newestSource(root)) process.exit(0);
const result = spawnSync('npx', ['vite', 'build', root, '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
