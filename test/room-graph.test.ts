import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { backUpArrows, LAYERS, ROOT, roomGraph, unplacedRooms, type RoomArrow } from '../scripts/room-graph.mjs';

/*
 * One-way layers between the rooms of src/ (README, "Architecture"; `node scripts/room-graph.mjs` prints the
 * report): no cycle between rooms, no room imports a root file (src/*.ts: the composition root and the CLI),
 * and every arrow runs down the LAYERS of scripts/room-graph.mjs, which eslint.config.js enforces import by
 * import as well.
 */

const SRC = fileURLToPath(new URL('../src', import.meta.url));

const graph = roomGraph(SRC);
const shown = (arrows: RoomArrow[]) => arrows.map((arrow) => `${arrow.from} -> ${arrow.to}: ${arrow.imports.join('; ')}`);

describe('room graph of src/', () => {
  test('sees the rooms and the arrows between them', () => {
    expect(graph.rooms).toEqual(expect.arrayContaining([ROOT, 'platform', 'events', 'identity', 'hooks', 'workflows', 'pages']));
    expect(graph.arrows).toContainEqual(expect.objectContaining({ from: 'identity', to: 'events' }));
    expect(graph.arrows).toContainEqual(expect.objectContaining({ from: ROOT, to: 'platform' }));
  });

  test('has no cycle between rooms', () => {
    expect(graph.cycles).toEqual([]);
  });

  test('no room imports a root file', () => {
    expect(shown(graph.arrows.filter((arrow) => arrow.to === ROOT))).toEqual([]);
  });

  test('every arrow runs down the layers, and every room has its layer', () => {
    expect(shown(backUpArrows(graph))).toEqual([]);
    expect(unplacedRooms(graph)).toEqual([]);
    expect(new Set(LAYERS.flat()).size).toBe(LAYERS.flat().length);
  });

  test('finds a cycle, an import of a root file and an arrow back up (a made-up tree)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'room-graph-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('main.ts', "import { a } from './platform/a.js';\nexport const main = a;\n");
    write('platform/a.ts', "export const a = 1;\n// import { b } from '../identity/b.js' (a comment: not an import)\n");
    write('identity/b.ts', "import { a } from '../platform/a.js';\nexport const b = a;\nexport const later = () => import('../events/c.js');\n");
    write('events/c.ts', "export { b } from '../identity/b.js';\nimport '../main.js';\n");
    write('events/c.test.ts', "import { main } from '../main.js';\n");
    try {
      const made = roomGraph(dir);
      expect(made.rooms).toEqual([ROOT, 'events', 'identity', 'platform']);
      expect(made.cycles).toEqual([['events', 'identity']]);
      expect(shown(made.arrows.filter((arrow) => arrow.to === ROOT))).toEqual(['events -> (root): events/c.ts => ../main.js']);
      expect(shown(backUpArrows(made, [['identity'], ['events'], ['platform']]))).toEqual([
        'events -> (root): events/c.ts => ../main.js',
        'events -> identity: events/c.ts => ../identity/b.js',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
