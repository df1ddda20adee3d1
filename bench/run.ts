/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn, each in a process of its own, and writes
 * `bench/RESULTS.md` (machine, versions, date, then each benchmark's figures). A benchmark prints one
 * JSON line last on stdout; its `markdown`, if it has one, goes into the file as it is, else the JSON.
 * Each section starts with its own stamp (date, commit, machine, versions), since a partial run keeps the
 * other sections; the benchmark's whole JSON (every row's raw figures and ratios) goes to
 * `bench/results/<name>.json` with the same stamp.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machineReport, runStamp } from './lib/machine.js';

const BENCH_DIR = import.meta.dirname;

/** The benchmark's JSON: its last line, or the last JSON object it printed over several lines. */
function lastJson(out: string): unknown {
  const lines = out.trim().split('\n');
  for (let start = lines.length - 1; start >= 0; start--) {
    if (!lines[start].startsWith('{')) continue;
    try {
      return JSON.parse(lines.slice(start).join('\n'));
    } catch {
      // not where the object starts
    }
  }
  return undefined;
}

function runScript(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(BENCH_DIR, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, output: out }));
  });
}

function section(file: string, result: { code: number; output: string }, stamp: string): string {
  const title = `## ${file}\n\n${stamp}`;
  if (result.code !== 0) return `${title}\n\nFailed (exit code ${result.code}); see the run's output.\n`;
  const json = lastJson(result.output) as { markdown?: unknown } | undefined;
  if (json !== undefined) {
    fs.mkdirSync(path.join(BENCH_DIR, 'results'), { recursive: true });
    fs.writeFileSync(path.join(BENCH_DIR, 'results', file.replace(/\.bench\.ts$/, '.json')), JSON.stringify({ stamp, machine: machineReport(), result: json }, null, 2) + '\n');
  }
  if (json === undefined) return `${title}\n\n\`\`\`\n${result.output.trim().split('\n').slice(-20).join('\n')}\n\`\`\`\n`;
  if (typeof json.markdown === 'string') return `${title}\n\n${json.markdown}\n`;
  return `${title}\n\n\`\`\`json\n${JSON.stringify(json, null, 2)}\n\`\`\`\n`;
}

const only = process.argv.slice(2);
const files = fs.readdirSync(BENCH_DIR).filter((file) => file.endsWith('.bench.ts') && (only.length === 0 || only.some((name) => file.includes(name)))).sort();
const header = `# Benchmark results\n\nWritten by \`npm run bench\`. Every figure that matters is a ratio against a baseline measured in the same run: absolute numbers on a shared machine are noise.\n\n${machineReport()}\n`;
const resultsFile = path.join(BENCH_DIR, 'RESULTS.md');
const sections = new Map<string, string>();
// A run of some benchmarks (`npm run bench -- event-hooks`) keeps the other benchmarks' last sections.
if (only.length > 0 && fs.existsSync(resultsFile)) {
  for (const part of fs.readFileSync(resultsFile, 'utf8').split(/^(?=## )/m).slice(1)) sections.set(part.slice(3, part.indexOf('\n')).trim(), part.trimEnd() + '\n');
}
for (const file of files) {
  process.stderr.write(`\n== ${file}\n`);
  const stamp = runStamp();
  sections.set(file, section(file, await runScript(file), stamp));
}
const ordered = [...sections.keys()].sort().map((file) => sections.get(file) as string);
const partial = only.length > 0 ? `\nThis run measured ${files.join(', ')}; the other sections are kept from earlier runs.\n` : '';
fs.writeFileSync(resultsFile, [header + partial, ...ordered].join('\n'));
process.stderr.write(`\nWrote ${path.join(BENCH_DIR, 'RESULTS.md')}\n`);
