import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { json, startHookServer, type HookServer } from '../../../test/helpers/hook-server.js';
import { contractorsFlow } from '../demo-flows/contractors.js';
import { card, compose, field, wire } from '../engine/flow-test-kit.js';
import type { FlowDefinition } from '../model/index.js';
import { CliError } from './flow-run.js';
import { formatTestReport, runFlowTests, subsetDifferences, testsFileFor } from './flow-test.js';
import { templatePath } from '../../../test/helpers/templates.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

let dir: string;
let api: HookServer;

const registration = (email: string) => ({ eventType: 'com.okta.user.pre-registration', data: { userProfile: { email, login: email } } });

/** A helper flow: Helper Flow (input `name`) → Compose "Hello, {name}" → Return `greeting`. */
const greeter: FlowDefinition = {
  name: 'Greeter',
  cards: [
    card('start', 'control:callable', { outputs: [field('name', 'name', 'string')] }),
    compose('say', 'Hello, {{{n}}}', [field('n', 'n', 'string')]),
    card('return', 'control:return', { inputs: [field('greeting', 'greeting', 'string')] }),
  ],
  wires: [wire('start.name', 'say.n'), wire('say.sayOut', 'return.greeting')],
};

/** A helper flow with an API Connector Get: Helper Flow (input `url`) → Get → Return `status`, `body`. */
const fetcher: FlowDefinition = {
  name: 'Fetcher',
  cards: [
    card('start', 'control:callable', { outputs: [field('url', 'url', 'string')] }),
    card('get', 'httpfunctions:get', {
      inputs: [field('getUrl', 'URL', 'string', { group: 'Request' })],
      outputs: [field('getStatus', 'Status Code', 'number', { group: 'Response' }), field('getBody', 'Body', 'object', { group: 'Response' })],
    }),
    card('return', 'control:return', { inputs: [field('status', 'status', 'number'), field('body', 'body', 'object')] }),
  ],
  wires: [wire('start.url', 'get.getUrl'), wire('get.getStatus', 'return.status'), wire('get.getBody', 'return.body')],
};

const contractorCases = [
  {
    name: 'an atko.email sign-up becomes a contractor',
    input: registration('jane@atko.email'),
    expect: { statusCode: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: { commands: [{ value: { userType: 'Contractor' } }] } },
  },
  { name: 'anyone else gets no commands', input: registration('bob@example.com'), expect: { body: { commands: [] } } },
  { name: 'a body that is not JSON fails the flow', input: 'not json', expect: { error: 'not valid JSON' } },
  { name: 'a wrong expectation fails', input: registration('bob@example.com'), expect: { statusCode: 201, body: { commands: [{ type: 'x' }] } } },
  { name: 'an expected failure that does not happen fails', input: registration('bob@example.com'), expect: { error: 'boom' } },
];

function write(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

beforeAll(async () => {
  // The test endpoints listen on loopback, as an operator's would on a developer machine (the real command inherits it).
  process.env.TOLLGATE_ALLOWED_HOSTS = 'loopback';
  api = await startHookServer((req, res) => json(res, 200, { path: req.url, users: [{ id: '00u1' }] }));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-flow-test-'));
  write('contractors.json', contractorsFlow);
  write('contractors.json.tests.json', { cases: contractorCases });
  write('greeter.json', greeter);
  write('greetings.tests.json', {
    flowFile: 'greeter.json',
    cases: [
      { name: 'greets by name', input: { name: 'Ann' }, expect: { outputs: { greeting: 'Hello, Ann' } } },
      { name: 'unknown flow', flow: 'Nope', input: { name: 'Ann' }, expect: { outputs: {} } },
    ],
  });
});

afterAll(async () => {
  await api.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('tollgate flow test', () => {
  test('runs each case of the tests beside a flow and says which pass and why the others fail', async () => {
    const report = await runFlowTests(path.join(dir, 'contractors.json'));
    expect(report.testsFile).toBe(path.join(dir, 'contractors.json.tests.json'));
    expect(report.results.map((r) => [r.name, r.passed])).toEqual([
      ['an atko.email sign-up becomes a contractor', true],
      ['anyone else gets no commands', true],
      ['a body that is not JSON fails the flow', true],
      ['a wrong expectation fails', false],
      ['an expected failure that does not happen fails', false],
    ]);
    expect(report.results[3].problems).toEqual([
      'statusCode: expected 201, got 200',
      'body.commands: expected 1 items, got 0: []',
    ]);
    expect(report.results[4].problems).toEqual(['expected the flow to fail with "boom", but it succeeded']);
    expect(report).toMatchObject({ passed: 3, failed: 2 });
    const text = formatTestReport(report, dir);
    expect(text).toContain('  PASS  anyone else gets no commands');
    expect(text).toContain('  FAIL  a wrong expectation fails\n        statusCode: expected 201, got 200');
    expect(text.endsWith('5 cases: 3 passed, 2 failed')).toBe(true);
  });

  test('helper flows take the case input as their inputs and are checked on their Return outputs; a bad flow name fails its case only', async () => {
    const report = await runFlowTests(path.join(dir, 'greetings.tests.json'));
    expect(report.flowFile).toBe(path.join(dir, 'greeter.json'));
    expect(report.results[0]).toEqual({ name: 'greets by name', passed: true, problems: [] });
    expect(report.results[1].passed).toBe(false);
    expect(report.results[1].problems[0]).toMatch(/has no flow named 'Nope'/);
  });

  test('API Connector cards call out through the outbound client (loopback allowed by TOLLGATE_ALLOWED_HOSTS)', async () => {
    write('fetcher.json', fetcher);
    write('fetcher.json.tests.json', { cases: [{ name: 'reads the users', input: { url: `${api.url}/users` }, expect: { outputs: { status: 200 } } }] });
    process.env.TOLLGATE_ALLOWED_HOSTS = '';
    const refused = await runFlowTests(path.join(dir, 'fetcher.json'));
    expect(refused.results[0].passed).toBe(false);
    expect(JSON.stringify(refused.results[0].problems)).toMatch(/loopback host/);
    process.env.TOLLGATE_ALLOWED_HOSTS = 'loopback';
    write('fetcher.json.tests.json', { cases: [{ name: 'reads the users', input: { url: `${api.url}/users` }, expect: { outputs: { status: 200, body: { path: '/users', users: [{ id: '00u1' }] } } } }] });
    const report = await runFlowTests(path.join(dir, 'fetcher.json'));
    expect(report.results).toEqual([{ name: 'reads the users', passed: true, problems: [] }]);
  });

  test("an Okta export's tables: each case starts from the file's (empty) tables and adds its own rows", async () => {
    const template = templatePath('validate_email_domain_using_registration_inline_ho');
    const denied = { error: { errorCauses: [{ reason: 'INVALID_EMAIL_DOMAIN' }] } };
    const allowed = { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] };
    write('domains.tests.json', {
      flowFile: template,
      flow: 'Validate Email Domains During Registration',
      cases: [
        { name: 'an allowed domain registers', rows: { 'Allowed domain list': [{ 'Allowed Domains': 'atko.email' }] }, input: registration('jane@atko.email'), expect: { statusCode: 200, body: allowed } },
        { name: 'rows of one case do not leak into the next', input: registration('jane@atko.email'), expect: { body: denied } },
        { name: 'a row for a column the table lacks is an error of its case', rows: { 'Allowed domain list': [{ Nope: 1 }] }, input: registration('jane@atko.email'), expect: { body: allowed } },
      ],
    });
    const report = await runFlowTests(path.join(dir, 'domains.tests.json'));
    expect(report.results.map((result) => result.passed)).toEqual([true, true, false]);
    expect(report.results[2].problems.join('\n')).toMatch(/cannot add a row to table 'Allowed domain list'/);
  });

  test('a flow without tests, or a tests file with a mistake, is an error that says what to do', () => {
    write('lonely.json', greeter);
    expect(() => testsFileFor(path.join(dir, 'lonely.json'))).toThrow(CliError);
    expect(() => testsFileFor(path.join(dir, 'lonely.json'))).toThrow(/no tests for .*lonely\.json: write them in .*lonely\.json\.tests\.json/);
    write('typo.tests.json', { flowFile: 'greeter.json', cases: [{ name: 'x', expect: { output: {} } }] });
    return expect(runFlowTests(path.join(dir, 'typo.tests.json'))).rejects.toThrow(/case 1 \('x'\): unknown keys in "expect": output/);
  });

  test('expected values match as a deep subset', () => {
    expect(subsetDifferences({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 }, 'body')).toEqual([]);
    expect(subsetDifferences({ a: [{ id: 1 }] }, { a: [{ id: 1, x: true }] }, 'body')).toEqual([]);
    expect(subsetDifferences({ a: { b: 1 } }, { a: {} }, 'body')).toEqual(['body.a.b: missing (expected 1)']);
    expect(subsetDifferences({ a: '1' }, { a: 1 }, 'outputs')).toEqual(['outputs.a: expected "1", got 1']);
    expect(subsetDifferences([1], 'text', 'body')).toEqual(['body: expected a list, got "text"']);
  });

  test('the real command prints the report and exits 1 when a case fails, 0 when all pass', async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts'), 'flow', 'test', ...args], { cwd: dir, env: { ...process.env, LOG_LEVEL: 'silent' } }, (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    write('fetcher.json', fetcher);
    write('passing.tests.json', { flowFile: 'fetcher.json', cases: [{ name: 'reads the users', input: { url: `${api.url}/users` }, expect: { outputs: { status: 200, body: { users: [{ id: '00u1' }] } } } }] });
    const [failing, passing] = await Promise.all([run('contractors.json'), run('passing.tests.json')]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('contractors.json.tests.json (flow file contractors.json)');
    expect(failing.stdout).toContain('  FAIL  a wrong expectation fails');
    expect(failing.stdout).toContain('5 cases: 3 passed, 2 failed');
    expect(passing).toMatchObject({ code: 0, stderr: '' });
    expect(passing.stdout).toContain('  PASS  reads the users\n1 case: 1 passed, 0 failed');
  }, 120_000);
});
