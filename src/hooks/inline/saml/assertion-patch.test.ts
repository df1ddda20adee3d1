import { describe, expect, it } from 'vitest';
import type { AssertionModel } from './assertion-model.js';
import { applyAssertionPatch, parsePointer } from './assertion-patch.js';

const model = (): AssertionModel => ({
  subject: { nameId: 'ada@example.com', nameFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', confirmation: { method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer', data: { recipient: 'https://sp/acs' } } },
  authentication: { sessionIndex: 'id1.2', authnContext: { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' } },
  conditions: { audienceRestriction: ['urn:sp'] },
  claims: { 'a/b': { attributeValues: [{ value: 'x' }] }, list: { attributeValues: [{ value: '1' }, { value: '2' }] } },
  lifetime: { expiration: 300 },
});

describe('JSON Pointer (RFC 6901)', () => {
  it('unescapes ~1 to / and ~0 to ~, in that order', () => {
    expect(parsePointer('/claims/http:~1~1example.com~1x')).toEqual(['claims', 'http://example.com/x']);
    expect(parsePointer('/claims/~01')).toEqual(['claims', '~1']);
    expect(parsePointer('claims')).toBeUndefined();
  });
});

describe('com.okta.assertion.patch', () => {
  it('adds and replaces members and array elements, with - appending', () => {
    const result = applyAssertionPatch(model(), [
      { op: 'replace', path: '/claims/a~1b/attributeValues/0/value', value: 'y' },
      { op: 'add', path: '/claims/list/attributeValues/0', value: { value: '0' } },
      { op: 'add', path: '/claims/list/attributeValues/-', value: { value: '3' } },
      { op: 'add', path: '/conditions/audienceRestriction/-', value: 'urn:other' },
      { op: 'add', path: '/authentication/sessionLifetime', value: 600 },
      { op: 'replace', path: '/subject/nameId', value: 'grace@example.com' },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.claims['a/b'].attributeValues[0].value).toBe('y');
    expect(result.model.claims.list.attributeValues.map((v) => v.value)).toEqual(['0', '1', '2', '3']);
    expect(result.model.conditions.audienceRestriction).toEqual(['urn:sp', 'urn:other']);
    expect(result.model.authentication.sessionLifetime).toBe(600);
    expect(result.model.subject.nameId).toBe('grace@example.com');
  });

  it('is all or nothing and never changes the model it was given', () => {
    const original = model();
    const result = applyAssertionPatch(original, [
      { op: 'replace', path: '/subject/nameId', value: 'changed' },
      { op: 'replace', path: '/claims/missing', value: { attributeValues: [] } },
    ]);
    expect(result).toEqual({ ok: false, error: expect.stringContaining("operation 1 (replace): /claims/missing: cannot replace 'missing'") });
    expect(original).toEqual(model());
  });

  it('refuses what RFC 6902 refuses: a missing parent, an index out of range, a missing value', () => {
    expect(applyAssertionPatch(model(), [{ op: 'add', path: '/claims/nope/attributeValues/0', value: { value: 'x' } }]).ok).toBe(false);
    expect(applyAssertionPatch(model(), [{ op: 'add', path: '/claims/list/attributeValues/3', value: { value: 'x' } }]).ok).toBe(false);
    expect(applyAssertionPatch(model(), [{ op: 'replace', path: '/claims/list/attributeValues/-', value: { value: 'x' } }]).ok).toBe(false);
    expect(applyAssertionPatch(model(), [{ op: 'replace', path: '/claims/list/attributeValues/01', value: { value: 'x' } }]).ok).toBe(false);
    expect(applyAssertionPatch(model(), [{ op: 'add', path: '/claims/new' }]).ok).toBe(false);
  });

  it('refuses prototype members and results that cannot become a valid assertion', () => {
    expect(applyAssertionPatch(model(), [{ op: 'add', path: '/claims/__proto__', value: { attributeValues: [] } }]).ok).toBe(false);
    expect(({} as Record<string, unknown>).attributeValues).toBeUndefined();
    const invalid = [
      { op: 'replace' as const, path: '/subject/nameId', value: 42 },
      { op: 'replace' as const, path: '/subject/nameId', value: 'bad\u0001char' },
      { op: 'add' as const, path: '/claims/x', value: { attributeValues: [{ attributes: { 'xsi:type': 'evil:type' }, value: 'x' }] } },
      { op: 'add' as const, path: '/claims/x', value: { attributeValues: [{ value: 'x' }], extra: true } },
      { op: 'replace' as const, path: '/conditions/audienceRestriction', value: [] },
      { op: 'add' as const, path: '/authentication/sessionLifetime', value: -5 },
      { op: 'add' as const, path: '/subject/unknown', value: 'x' },
    ];
    for (const operation of invalid) {
      const result = applyAssertionPatch(model(), [operation]);
      expect(result.ok, JSON.stringify(operation)).toBe(false);
      if (!result.ok) expect(result.error).toContain('the patched assertion is invalid at');
    }
  });
});
