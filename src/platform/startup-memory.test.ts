import { getHeapSpaceStatistics } from 'node:v8';
import { expect, test } from 'vitest';
import { releaseStartupMemory } from './startup-memory.js';

const newSpaceBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.physical_space_size;

test('releasing start-up memory shrinks the young generation and leaves gc unexposed', () => {
  // A burst of surviving objects, as start-up makes, grows the new space.
  const kept: object[] = [];
  for (let i = 0; i < 400_000; i += 1) kept.push({ i, name: `card-${i}` });
  const before = newSpaceBytes();
  releaseStartupMemory();
  expect(newSpaceBytes()).toBeLessThan(before);
  expect(newSpaceBytes()).toBeLessThanOrEqual(8 * 1024 * 1024);
  expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  expect(kept).toHaveLength(400_000);
});
