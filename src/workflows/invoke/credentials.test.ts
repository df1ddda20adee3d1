import { describe, expect, test } from 'vitest';
import { executionRowOf } from '../store/execution-record.js';
import type { ExecutionResult } from '../engine/index.js';
import { credentialValuesOf, redactorOf, REDACTED } from './credentials.js';

const result = (values: unknown): ExecutionResult => ({
  executionId: 'e1', status: 'succeeded', startedAt: '2026-12-07T00:00:00.000Z', finishedAt: '2026-12-07T00:00:00.001Z', durationMs: 1,
  cards: [{ cardId: 'endpoint', cardType: 'http:accept', status: 'succeeded', startedAt: '2026-12-07T00:00:00.000Z', durationMs: 0, outputs: { values } }],
} as unknown as ExecutionResult);

describe('credentials in saved execution records', () => {
  test('a secret JSON has to escape (quotes, backslashes) is still found and redacted', () => {
    const secret = 'sig"with\\escapes-1234';
    const redact = redactorOf(credentialValuesOf({ kind: 'http', method: 'POST', headers: {}, query: { signature: secret }, body: '' } as never));
    expect(redact.inJson(JSON.stringify({ text: `before ${secret} after` }))).toBe(true);
    const row = executionRowOf(result({ text: `before ${secret} after`, other: 'kept' }), { flowId: 'f', flowName: 'F', trigger: 'http', saveAllData: true, redact });
    expect(row.data).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(row.data).toContain(REDACTED);
    expect(row.data).toContain('kept');
  });

  test('a record without any secret is written as it is', () => {
    const redact = redactorOf(['no-such-secret-value']);
    const row = executionRowOf(result({ text: 'plain' }), { flowId: 'f', flowName: 'F', trigger: 'http', saveAllData: true, redact });
    expect(redact.inJson(row.data)).toBe(false);
    expect(JSON.parse(row.data).cards[0].outputs.values).toEqual({ text: 'plain' });
  });
});
