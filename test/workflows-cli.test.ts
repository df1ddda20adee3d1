import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openDatabase } from '../src/platform/db/index.js';
import { contractorsFlow } from '../src/workflows/demo-flows/contractors.js';
import { templatePath } from './helpers/templates.js';
import { runTollgate, type CliResult } from './helpers/cli.js';

/*
 * `tollgate flow run FILE [--flow NAME] [--input JSON] [--query k=v] [--header k=v]` and
 * `tollgate flow import FILE`, as a person runs them: a real process, JSON on stdout, a clear message
 * on stderr and exit code 1 when something is wrong.
 */

const logStreaming = () => templatePath('implement_log_streaming_with_okta_workflows.flopack');

// Each case starts real processes (TypeScript compiled on the fly): slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

let dir: string;

function tollgate(...args: string[]): Promise<CliResult> {
  return runTollgate(args, { cwd: dir });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-cli-'));
  fs.writeFileSync(path.join(dir, 'contractors.json'), JSON.stringify(contractorsFlow));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const registration = (email: string) => JSON.stringify({ eventType: 'com.okta.user.pre-registration', data: { userProfile: { email } } });

describe('tollgate flow run', () => {
  test('an API Endpoint flow in Tollgate’s format: --input is the body, the result is the response', async () => {
    const jane = await tollgate('flow', 'run', 'contractors.json', '--input', registration('jane@atko.email'));
    expect(jane.stderr).toBe('');
    expect(jane.code).toBe(0);
    expect(JSON.parse(jane.stdout)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-execution-id': expect.any(String) },
      body: { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] },
    });
    const bob = await tollgate('flow', 'run', 'contractors.json', '--input', registration('bob@example.com'));
    expect(JSON.parse(bob.stdout).body).toEqual({ commands: [] });
  });

  test('an Okta .flopack: the log streaming sink takes the event (no answering card: 200 and {})', async () => {
    const res = await tollgate('flow', 'run', logStreaming(), '--input', '{"event_type":"FLOW_START"}', '--query', 'source=cli', '--header', 'X-Test=1');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ statusCode: 200, body: {} });
  });

  test('--flow picks one flow of a file with several; without it the flows are listed', async () => {
    const tutorials = templatePath('workflows_tutorials.flopack');
    const missing = await tollgate('flow', 'run', tutorials);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/holds 26 flows; choose one with --flow NAME/);
    expect(missing.stderr).toMatch(/How To: Return a value from a flow/);

    const picked = await tollgate('flow', 'run', tutorials, '--flow', 'How To: read user attributes from a JSON object (canned JSON)');
    expect(picked.stderr).toBe('');
    expect(picked.code).toBe(0);
    expect(JSON.parse(picked.stdout)).toEqual({}); // started by hand, no Return: no outputs
  });

  test('a helper flow: --input holds its inputs by name, the result is its Return outputs', async () => {
    fs.writeFileSync(path.join(dir, 'helper.json'), JSON.stringify({
      name: 'Full name',
      cards: [
        { id: 'start', type: 'control:callable', outputs: [{ id: 'first', key: 'first', type: 'string' }, { id: 'last', key: 'last', type: 'string' }] },
        {
          id: 'join', type: 'string:compose',
          inputs: [{ id: 'template', key: '_text_', type: 'string', value: '{{first}} {{last}}' }, { id: 'first', key: 'first', type: 'string' }, { id: 'last', key: 'last', type: 'string' }],
          outputs: [{ id: 'text', key: 'output', type: 'string' }],
        },
        { id: 'done', type: 'control:return', inputs: [{ id: 'full', key: 'fullName', type: 'string' }] },
      ],
      wires: [
        { from: { card: 'start', field: 'first' }, to: { card: 'join', field: 'first' } },
        { from: { card: 'start', field: 'last' }, to: { card: 'join', field: 'last' } },
        { from: { card: 'join', field: 'text' }, to: { card: 'done', field: 'full' } },
      ],
    }));
    const res = await tollgate('flow', 'run', 'helper.json', '--input', '{"first":"Jane","last":"Doe"}');
    expect(res.stderr).toBe('');
    expect(JSON.parse(res.stdout)).toEqual({ fullName: 'Jane Doe' });
    const notObject = await tollgate('flow', 'run', 'helper.json', '--input', '[1]');
    expect(notObject.code).toBe(1);
    expect(notObject.stderr).toMatch(/--input must be a JSON object/);
  });

  test("an Okta export's tables run in memory: validate_email's empty domain table denies with the template's cause", async () => {
    const res = await tollgate('flow', 'run', templatePath('validate_email_domain_using_registration_inline_ho.flopack'),
      '--flow', 'Validate Email Domains During Registration', '--input', registration('jane@atko.email'));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const body = JSON.parse(JSON.parse(res.stdout).body as string);
    expect(body.error.errorCauses[0]).toMatchObject({ reason: 'INVALID_EMAIL_DOMAIN', location: 'data.userProfile.email' });
  });

  test('a flow that fails: exit 1, the card and the reason on stderr', async () => {
    const slack = { ...contractorsFlow, id: 'with-slack', name: 'With Slack', cards: [...contractorsFlow.cards.slice(0, 1), { id: 'post', type: 'slack:postMessageToChannel', name: 'Send Message' }] };
    fs.writeFileSync(path.join(dir, 'slack.json'), JSON.stringify({ ...slack, wires: [] }));
    const res = await tollgate('flow', 'run', 'slack.json', '--input', registration('jane@atko.email'));
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^tollgate: the flow 'With Slack' failed: card 'Send Message' \(slack:postMessageToChannel, id post\) failed: the card 'Send Message' belongs to the Slack connector, which is not available in Tollgate/);
  });

  test('a file that is not a flow, bad options: exit 1 with a clear message', async () => {
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    const [notJson, missing, badQuery, noSuchFlow] = await Promise.all([
      tollgate('flow', 'run', 'notes.txt'),
      tollgate('flow', 'run', 'missing.json'),
      tollgate('flow', 'run', 'contractors.json', '--query', 'novalue'),
      tollgate('flow', 'run', 'contractors.json', '--flow', 'Nope'),
    ]);
    for (const res of [notJson, missing, badQuery, noSuchFlow]) expect(res.code).toBe(1);
    expect(notJson.stderr).toMatch(/notes.txt is not JSON/);
    expect(missing.stderr).toMatch(/cannot read missing.json/);
    expect(badQuery.stderr).toMatch(/--query takes name=value/);
    expect(noSuchFlow.stderr).toMatch(/has no flow named 'Nope'/);
  });
});

describe('tollgate flow import', () => {
  test('imports into the configured store; a second import replaces the flow', async () => {
    const data = path.join(dir, 'data');
    const first = await tollgate('flow', 'import', logStreaming(), '--data', data);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      created: 1, replaced: 0,
      flows: [{ id: 'f4a83e91-5b8b-4a13-a6c9-ff5f78f9c36e', name: 'AWS', status: 'INACTIVE', invokeUrl: expect.stringMatching(/\/api\/flo\/[0-9a-f]{32}\/invoke$/) }],
    });
    // stderr is a pipe: no progress bar, one summary line.
    expect(first.stderr).toBe(`Imported 1 flow from ${logStreaming()}: 1 new, 0 replaced\n`);
    const second = await tollgate('flow', 'import', logStreaming(), '--data', data);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, replaced: 1 });

    const { db } = openDatabase(`sqlite:${path.join(data, 'tollgate.db')}`);
    try {
      const rows = await db.selectFrom('workflow_flows').select(['id', 'name', 'version']).execute();
      expect(rows).toEqual([{ id: 'f4a83e91-5b8b-4a13-a6c9-ff5f78f9c36e', name: 'AWS', version: 2 }]);
    } finally {
      await db.destroy();
    }
  });

  test('a file that is not an Okta export is not imported: exit 1', async () => {
    fs.writeFileSync(path.join(dir, 'flow.json'), JSON.stringify(contractorsFlow));
    const res = await tollgate('flow', 'import', 'flow.json', '--data', path.join(dir, 'data2'));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/flow.json was not imported: .*not an Okta Workflows export/s);
  });
});
