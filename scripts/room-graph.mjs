// The import graph between the rooms (top-level folders) of src/, and the layers it must keep (README,
// "Architecture"). test/room-graph.test.ts and eslint.config.js read LAYERS from here; as a command it prints
// the report:
//
//   node scripts/room-graph.mjs                  rooms of src/: the arrows, the layers, cycles, back-up arrows
//   node scripts/room-graph.mjs src/workflows    the same inside a room (no layers are declared there)
//   node scripts/room-graph.mjs --imports        every arrow with the imports that make it
//
// Test files and test kits are left out. Imports are read by TypeScript's own pre-processor (static
// `import … from`, `export … from`, `import '…'` and dynamic `import('…')`), so comments and strings do not count.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The files of src/ itself (server.ts, app.ts, …): the composition root and the CLI, above every room. */
export const ROOT = '(root)';

/**
 * The rooms of src/, top layer first. A room may import only rooms of the layers below its own (none of
 * its own layer); the root files may import any room, and no room imports a root file.
 */
export const LAYERS = [
  ['pages', 'authn', 'console', 'identity-sources', 'demo', 'ops'], // what the composition root mounts
  ['oauth', 'saml', 'imports', 'factors', 'journeys'], // the processes that call hooks
  ['apps', 'hooks', 'workflows'],
  ['identity'],
  ['events'],
  ['platform'],
];

const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !/(^|[-/])test-kit\.ts$/.test(file);

function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (isSource(full)) files.push(full);
  }
  return files;
}

/** The relative specifiers a file imports or re-exports, static and dynamic. */
function relativeImports(file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles.map((imported) => imported.fileName).filter((spec) => spec.startsWith('./') || spec.startsWith('../'));
}

/**
 * The graph between the rooms of `dir` (its top-level folders; `depth` 2 takes two levels). Returns the rooms,
 * the arrows with the imports behind each (`file => specifier`, paths relative to `dir`), and the cycles
 * (strongly connected sets of more than one room). `skip(from, to)` leaves an import out (both paths
 * relative to `dir`, `to` the imported .ts file).
 */
export function roomGraph(dir = 'src', { depth = 1, skip = () => false } = {}) {
  const root = path.resolve(dir);
  const roomOf = (file) => {
    const parts = path.relative(root, file).split(path.sep);
    return parts.length <= depth ? ROOT : parts.slice(0, depth).join('/');
  };
  const arrows = new Map();
  const rooms = new Set();
  for (const file of sourceFiles(root)) {
    const from = roomOf(file);
    rooms.add(from);
    for (const spec of relativeImports(file)) {
      const target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts'));
      if (!target.startsWith(root + path.sep)) continue;
      const to = roomOf(target);
      if (from === to || skip(path.relative(root, file), path.relative(root, target))) continue;
      const key = `${from} -> ${to}`;
      if (!arrows.has(key)) arrows.set(key, { from, to, imports: [] });
      arrows.get(key).imports.push(`${path.relative(root, file)} => ${spec}`);
    }
  }
  const list = [...arrows.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { rooms: [...rooms].sort(), arrows: list, cycles: cyclesOf(list) };
}

/** Tarjan's strongly connected components of more than one room. */
function cyclesOf(arrows) {
  const next = new Map();
  for (const { from, to } of arrows) {
    if (!next.has(from)) next.set(from, []);
    if (!next.has(to)) next.set(to, []);
    next.get(from).push(to);
  }
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (room) => {
    index.set(room, counter);
    low.set(room, counter);
    counter++;
    stack.push(room);
    onStack.add(room);
    for (const to of next.get(room)) {
      if (!index.has(to)) {
        visit(to);
        low.set(room, Math.min(low.get(room), low.get(to)));
      } else if (onStack.has(to)) low.set(room, Math.min(low.get(room), index.get(to)));
    }
    if (low.get(room) !== index.get(room)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== room);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const room of next.keys()) if (!index.has(room)) visit(room);
  return cycles;
}

/** The arrows of a graph of src/ that break LAYERS: into a root file, sideways, or up. */
export function backUpArrows(graph, layers = LAYERS) {
  const layerOf = (room) => (room === ROOT ? -1 : layers.findIndex((layer) => layer.includes(room)));
  return graph.arrows.filter(({ from, to }) => from !== ROOT && (to === ROOT || layerOf(to) <= layerOf(from)));
}

/** The rooms of src/ that LAYERS does not place. */
export function unplacedRooms(graph, layers = LAYERS) {
  return graph.rooms.filter((room) => room !== ROOT && !layers.some((layer) => layer.includes(room)));
}

function report(dir, { withImports }) {
  const graph = roomGraph(dir);
  const isSrc = path.resolve(dir) === path.resolve(fileURLToPath(new URL('../src', import.meta.url)));
  const lines = [`Rooms of ${dir}/ and what each imports:`];
  for (const room of graph.rooms) {
    const out = graph.arrows.filter((arrow) => arrow.from === room);
    lines.push(`  ${room.padEnd(18)} ${out.map((arrow) => arrow.to).join(', ') || '-'}`);
    if (withImports) for (const arrow of out) lines.push(...arrow.imports.map((line) => `      ${arrow.to.padEnd(14)} ${line}`));
  }
  const show = (arrow) => `  ${arrow.from} -> ${arrow.to}: ${arrow.imports.slice(0, 4).join('; ')}${arrow.imports.length > 4 ? `; … (${arrow.imports.length})` : ''}`;
  lines.push('', graph.cycles.length ? 'Cycles:' : 'Cycles: none');
  for (const cycle of graph.cycles) {
    lines.push(`  ${cycle.join(' · ')}`);
    lines.push(...graph.arrows.filter((arrow) => cycle.includes(arrow.from) && cycle.includes(arrow.to)).map(show));
  }
  let failed = graph.cycles.length > 0;
  if (isSrc) {
    lines.push('', 'Layers (top first; a room imports only the layers below it):', `  ${ROOT}`, ...LAYERS.map((layer) => `  ${layer.join(' · ')}`));
    const back = backUpArrows(graph);
    const unplaced = unplacedRooms(graph);
    lines.push('', back.length ? 'Back-up arrows:' : 'Back-up arrows: none', ...back.map(show));
    if (unplaced.length) lines.push('', `Rooms LAYERS does not place: ${unplaced.join(', ')}`);
    failed ||= back.length > 0 || unplaced.length > 0;
  }
  return { text: lines.join('\n'), failed };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args.find((arg) => !arg.startsWith('--')) ?? 'src';
  const { text, failed } = report(dir.replace(/\/+$/, ''), { withImports: args.includes('--imports') });
  process.stdout.write(text + '\n');
  process.exitCode = failed ? 1 : 0;
}
