import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the built console (console/dist) is, and how to read one of its files safely. */

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** console/dist of this package: found from this file upwards (src/console here, dist/src/console when compiled). */
export function findConsoleDist(start = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'console'))) return path.join(dir, 'console', 'dist');
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface ConsoleFile {
  body: Buffer;
  contentType: string;
}

/**
 * The file at `relative` inside `distDir`, or undefined when there is none. Only plain names are accepted
 * (no `..`, no hidden files), and the resolved path must stay inside `distDir`.
 */
export function readConsoleFile(distDir: string, relative: string): ConsoleFile | undefined {
  if (!relative || relative.split('/').some((part) => part === '' || part.startsWith('.'))) return undefined;
  const full = path.resolve(distDir, relative);
  if (!full.startsWith(distDir + path.sep)) return undefined;
  const contentType = CONTENT_TYPES[path.extname(full)];
  if (!contentType) return undefined;
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) return undefined;
    return { body: fs.readFileSync(full), contentType };
  } catch {
    return undefined;
  }
}
