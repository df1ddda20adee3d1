import { expect, test } from 'vitest';
import type { AppContext } from '../../platform/context.js';
import { InvokeSummary } from './invoke-summary.js';

test('invocations are summed up by status class in one line, and nothing is written for a quiet minute', () => {
  const lines: Array<[unknown, string]> = [];
  const ctx = { log: { info: (fields: unknown, message: string) => lines.push([fields, message]) } } as unknown as AppContext;
  const summary = new InvokeSummary(ctx);
  summary.write();
  expect(lines).toEqual([]);
  for (const status of [200, 200, 204, 401, 500]) summary.count(status);
  summary.write();
  expect(lines).toEqual([[{ invocations: 5, byStatus: { '2xx': 3, '4xx': 1, '5xx': 1 } }, 'flow invocations since the last summary']]);
  summary.write();
  expect(lines).toHaveLength(1);
});
