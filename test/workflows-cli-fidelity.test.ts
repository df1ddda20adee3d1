/**
 * `tollgate flow run` says why a flow did not finish: the Continue If that stopped it with its message, and a
 * card of a third-party connector Tollgate lacks, naming the connector and the card.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runTollgate, type CliResult } from './helpers/cli.js';
import { templatePath } from './helpers/templates.js';

vi.setConfig({ testTimeout: 120_000 });

let dir: string;
function tollgate(...args: string[]): Promise<CliResult> {
  return runTollgate(args, { cwd: dir });
}
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-cli-fid-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('tollgate flow run reports how a flow stopped', () => {
  test('a Continue If that stops the flow: the card and its message', async () => {
    fs.writeFileSync(path.join(dir, 'gate.json'), JSON.stringify({
      name: 'Gate',
      cards: [
        { id: 'start', type: 'control:noop' },
        {
          id: 'gate', type: 'control:continueIf', name: 'Only admins',
          inputs: [
            { id: 'a', key: 'left-operand', type: 'number', value: 1 }, { id: 'op', key: 'operator', type: 'string', value: '==' },
            { id: 'b', key: 'right-operand', type: 'number', value: 2 }, { id: 'm', key: 'message', type: 'string', value: 'not an admin: nothing to do' },
          ],
          outputs: [{ id: 'out', key: 'message', type: 'string' }],
        },
        { id: 'after', type: 'string:compose', inputs: [{ id: 't', key: '_text_', type: 'string', value: 'never' }], outputs: [{ id: 'o', key: 'output', type: 'string' }] },
      ],
      wires: [],
    }));
    const res = await tollgate('flow', 'run', 'gate.json');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ halted: true, card: 'Only admins', message: 'not an admin: nothing to do' });
  });

  test('a card of a third-party connector Tollgate lacks fails naming the connector and the card', async () => {
    const res = await tollgate('flow', 'run', templatePath('send_notifications_for_a_breached_password_event'), '--flow', 'Process Event Object', '--input', '{}');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/the card 'Send Message to Channel' belongs to the Slack connector, which is not available in Tollgate/);
  });
});
