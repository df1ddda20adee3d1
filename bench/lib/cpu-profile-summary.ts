/**
 * Summarizes a V8 .cpuprofile (node --cpu-prof): the functions with the most self time and the most
 * inclusive time (time with everything they call, each function counted once per stack).
 * `npx tsx bench/lib/cpu-profile-summary.ts <file.cpuprofile> [top=40] [under-regex]`: with a regex, only
 * the samples whose stack has a matching function (`name file:line`) count; percentages stay of the total.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg, underArg] = process.argv.slice(2);
const under = underArg ? new RegExp(underArg) : undefined;
if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const nameOf = (node: ProfileNode) => {
  const url = node.callFrame.url.replace(/^file:\/\/.*?\/main\//, '').replace(/^.*node_modules\//, 'nm/');
  return `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber + 1}`;
};

const selfTime = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((sample, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  total += micros;
  const node = byId.get(sample)!;
  if (under) {
    let matches = false;
    for (let id: number | undefined = sample; id !== undefined && !matches; id = parent.get(id)) matches = under.test(nameOf(byId.get(id)!));
    if (!matches) return;
  }
  selfTime.set(nameOf(node), (selfTime.get(nameOf(node)) ?? 0) + micros);
  const seen = new Set<string>();
  for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
    const name = nameOf(byId.get(id)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
  }
});

const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title} (total ${(total / 1000).toFixed(0)} ms)\n`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}\n`);
};
print('self time', selfTime);
print('inclusive time', inclusive);

// The call tree down to BENCH_TREE_DEPTH (default 0: none), nodes above 1 % of the total.
const depth = Number(process.env.BENCH_TREE_DEPTH ?? 0);
if (depth > 0) {
  const treeTime = new Map<number, number>();
  profile.samples.forEach((sample, index) => {
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) treeTime.set(id, (treeTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  process.stdout.write('\ncall tree\n');
  const walk = (id: number, level: number) => {
    const micros = treeTime.get(id) ?? 0;
    if (micros < total / 100 || level > depth) return;
    process.stdout.write(`${' '.repeat(level * 2)}${((100 * micros) / total).toFixed(1)}% ${nameOf(byId.get(id)!)}\n`);
    for (const child of byId.get(id)!.children ?? []) walk(child, level + 1);
  };
  walk(profile.nodes[0].id, 0);
}
