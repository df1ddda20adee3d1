/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn, each in a process of its own, and writes
 * `bench/RESULTS.md` (machine, versions, date, then each benchmark's figures). A benchmark prints one
 * JSON line last on stdout; its `markdown`, if it has one, goes into the file as it is, else the JSON.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machineReport } from './lib/machine.js';

const BENCH_DIR = import.meta.dirname;

function runScript(file: string): Promise<{ code: number; lastLine: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(BENCH_DIR, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, lastLine: out.trim().split('\n').at(-1) ?? '' }));
  });
}

function section(file: string, result: { code: number; lastLine: string }): string {
  const title = `## ${file}`;
  if (result.code !== 0) return `${title}\n\nFailed (exit code ${result.code}); see the run's output.\n`;
  try {
    const json = JSON.parse(result.lastLine) as { markdown?: string };
    if (typeof json.markdown === 'string') return `${title}\n\n${json.markdown}\n`;
    return `${title}\n\n\`\`\`json\n${JSON.stringify(json, null, 2)}\n\`\`\`\n`;
  } catch {
    return `${title}\n\n\`\`\`\n${result.lastLine}\n\`\`\`\n`;
  }
}

const only = process.argv.slice(2);
const files = fs.readdirSync(BENCH_DIR).filter((file) => file.endsWith('.bench.ts') && (only.length === 0 || only.some((name) => file.includes(name)))).sort();
const header = `# Benchmark results\n\nWritten by \`npm run bench\`. Every figure that matters is a ratio against a baseline measured in the same run: absolute numbers on a shared machine are noise.\n\n${machineReport()}\n`;
const sections: string[] = [];
for (const file of files) {
  process.stderr.write(`\n== ${file}\n`);
  sections.push(section(file, await runScript(file)));
}
fs.writeFileSync(path.join(BENCH_DIR, 'RESULTS.md'), [header, ...sections].join('\n'));
process.stderr.write(`\nWrote ${path.join(BENCH_DIR, 'RESULTS.md')}\n`);
