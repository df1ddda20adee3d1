import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import construct from './construct.card.js';
import get from './get.card.js';
import pick from './pick.card.js';

const hook = { data: { userProfile: { login: 'jane@atko.email', email: 'jane@atko.email' }, tags: ['a', 'b'] } };

describe('Object Get (object:get)', () => {
  test.each([
    ['data.userProfile.login', 'string', 'jane@atko.email'],
    ['data.tags.1', 'string', 'b'],
    ['data.userProfile', 'object', { login: 'jane@atko.email', email: 'jane@atko.email' }],
    ['data.userProfile', 'string', '{"login":"jane@atko.email","email":"jane@atko.email"}'],
    ['data.nothing.here', 'string', null],
  ])('%s as %s', async (path, type, expected) => {
    const { outputs } = await callCard(get, {
      inputs: [{ key: 'object', type: 'object', value: hook }, { key: 'path', type: 'string', value: path }],
      outputs: [{ key: 'output', type }],
    });
    expect(outputs).toEqual({ output: expected });
  });
});

describe('Get Multiple (object:pick)', () => {
  test('one output per dotted path', async () => {
    const { outputs } = await callCard(pick, {
      inputs: [{ key: 'object', type: 'object', value: JSON.stringify(hook) }],
      outputs: [
        { key: 'data.userProfile.login', type: 'string' },
        { key: 'data.tags', type: 'string', list: true },
        { key: 'data.missing', type: 'string' },
      ],
    });
    expect(outputs).toEqual({ 'data.userProfile.login': 'jane@atko.email', 'data.tags': ['a', 'b'], 'data.missing': null });
  });
});

describe('Construct (object:construct)', () => {
  test("dotted keys build the registration hook's allow command", async () => {
    const { outputs } = await callCard(construct, {
      inputs: [
        { key: 'commands.0.type', type: 'string', value: 'com.okta.action.update' },
        { key: 'commands.0.value.registration', type: 'string', value: 'ALLOW' },
      ],
    });
    expect(outputs).toEqual({ output: { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] } });
  });

  test('typed values and the error object of the template', async () => {
    const { outputs } = await callCard(construct, {
      inputs: [
        { key: 'error.errorSummary', type: 'string', value: 'Invalid domain.' },
        { key: 'error.errorCauses.0.reason', type: 'string', value: 'INVALID_EMAIL_DOMAIN' },
        { key: 'count', type: 'number', value: '3' },
        { key: 'active', type: 'boolean', value: 'true' },
      ],
    });
    expect(outputs).toEqual({ output: { error: { errorSummary: 'Invalid domain.', errorCauses: [{ reason: 'INVALID_EMAIL_DOMAIN' }] }, count: 3, active: true } });
  });

  test('a key reaching into prototypes fails the card', async () => {
    await expect(callCard(construct, { inputs: [{ key: '__proto__.x', type: 'string', value: 'y' }] })).rejects.toThrow(/cannot be used as a key/);
  });
});
