import { describe, expect, test } from 'vitest';
import { getPath, setPath } from './paths.js';

const hook = { data: { userProfile: { login: 'jane@atko.email' }, list: [{ type: 'a' }, { type: 'b' }] } };

describe('dotted paths', () => {
  test.each([
    ['data.userProfile.login', 'jane@atko.email'],
    ['data.list.1.type', 'b'],
    ['data.list[0].type', 'a'],
    ['data.missing.deeper', null],
    ['data.list.9', null],
    ['', hook],
    ['data.userProfile.login.length', null],
    ['constructor', null],
  ])('get %s', (path, expected) => {
    expect(getPath(hook, path)).toEqual(expected);
  });

  test('set builds nested objects and lists (numbers make lists)', () => {
    const target: Record<string, unknown> = {};
    setPath(target, 'commands.0.type', 'com.okta.action.update');
    setPath(target, 'commands.0.value.registration', 'ALLOW');
    setPath(target, 'error.errorCauses.0.reason', 'INVALID_EMAIL_DOMAIN');
    expect(target).toEqual({
      commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }],
      error: { errorCauses: [{ reason: 'INVALID_EMAIL_DOMAIN' }] },
    });
  });

  test('set refuses keys that reach JavaScript prototypes', () => {
    expect(() => setPath({}, '__proto__.polluted', 1)).toThrow(/cannot be used as a key/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
