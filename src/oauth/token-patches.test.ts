import { describe, expect, it } from 'vitest';
import { ACCESS_PATCH, applyTokenPatches, IDENTITY_PATCH, type TokenPart } from '../hooks/inline/token.inline-hook.js';
import { RESERVED_ACCESS_TOKEN_CLAIMS, RESERVED_ID_TOKEN_CLAIMS } from '../hooks/inline/token/reserved-claims.js';

const reserved = { identity: RESERVED_ID_TOKEN_CLAIMS, access: RESERVED_ACCESS_TOKEN_CLAIMS };
const access = (): TokenPart => ({ claims: { sub: 'a@example.com', aud: 'api://default', scp: ['openid'], profile: { dept: 'R&D', tags: ['a', 'b'] }, 'a/b~c': 1 }, lifetime: 3600 });
const identity = (): TokenPart => ({ claims: { sub: '00u1', aud: 'client', birthdate: '1990-01-01' }, lifetime: 3600 });

function patch(commands: Array<{ type: string; value: unknown[] }>, withIdentity = true) {
  return applyTokenPatches({ identity: withIdentity ? identity() : undefined, access: access() }, commands, reserved);
}

describe('token hook patches (JSON Patch on claims, all or nothing)', () => {
  it('adds, replaces and removes top-level and nested members, array items and the lifetime', () => {
    const out = patch([
      { type: ACCESS_PATCH, value: [
        { op: 'add', path: '/claims/profile/team', value: 'core' },
        { op: 'replace', path: '/claims/profile/dept', value: 'Ops' },
        { op: 'add', path: '/claims/profile/tags/1', value: 'x' },
        { op: 'add', path: '/claims/profile/tags/-', value: 'z' },
        { op: 'remove', path: '/claims/profile/tags/0' },
        { op: 'replace', path: '/claims/a~1b~0c', value: 2 },
        { op: 'replace', path: '/claims/sub', value: 'service' },
        { op: 'replace', path: '/token/lifetime/expiration', value: 300 },
      ] },
      { type: IDENTITY_PATCH, value: [{ op: 'remove', path: '/claims/birthdate' }, { op: 'add', path: '/claims/extId', value: { n: 1 } }] },
    ]);
    expect(out).toEqual({
      access: { claims: { sub: 'service', aud: 'api://default', scp: ['openid'], profile: { dept: 'Ops', team: 'core', tags: ['x', 'b', 'z'] }, 'a/b~c': 2 }, lifetime: 300 },
      identity: { claims: { sub: '00u1', aud: 'client', extId: { n: 1 } }, lifetime: 3600 },
    });
  });

  it('leaves the input untouched', () => {
    const input = { access: access() };
    applyTokenPatches(input, [{ type: ACCESS_PATCH, value: [{ op: 'add', path: '/claims/profile/x', value: 1 }] }], reserved);
    expect(input.access).toEqual(access());
  });

  it.each([
    [[{ op: 'remove', path: '/claims/birthdate' }], IDENTITY_PATCH, false, /no ID token/],
    [[{ op: 'replace', path: '/claims/aud', value: 'x' }], IDENTITY_PATCH, true, /'aud' is a reserved claim/],
    [[{ op: 'add', path: '/claims/scp', value: [] }], ACCESS_PATCH, true, /'scp' is a reserved claim/],
    [[{ op: 'add', path: '/token/lifetime/expiration', value: 600 }], ACCESS_PATCH, true, /only be replaced/],
    [[{ op: 'replace', path: '/token/lifetime/expiration', value: 600.5 }], ACCESS_PATCH, true, /integer/],
    [[{ op: 'replace', path: '/claims/missing', value: 1 }], ACCESS_PATCH, true, /does not exist/],
    [[{ op: 'remove', path: '/claims/profile/missing' }], ACCESS_PATCH, true, /does not exist/],
    [[{ op: 'add', path: '/claims/missing/child', value: 1 }], ACCESS_PATCH, true, /does not exist/],
    [[{ op: 'add', path: '/claims/profile/tags/5', value: 1 }], ACCESS_PATCH, true, /out of range/],
    [[{ op: 'replace', path: '/claims/profile/tags/-', value: 1 }], ACCESS_PATCH, true, /out of range/],
    [[{ op: 'remove', path: '/claims/profile', value: 'x' }], ACCESS_PATCH, true, /no value/],
    [[{ op: 'add', path: '/claims/x' }], ACCESS_PATCH, true, /needs a value/],
    [[{ op: 'add', path: '/claims/bad~2escape', value: 1 }], ACCESS_PATCH, true, /invalid path/],
  ])('refuses %j on %s', (ops, type, withIdentity, reason) => {
    const out = patch([{ type: ACCESS_PATCH, value: [{ op: 'add', path: '/claims/ok', value: 1 }] }, { type, value: ops }], withIdentity);
    expect(out).toEqual({ invalid: expect.stringMatching(reason) });
  });
});
