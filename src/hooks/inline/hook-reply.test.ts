import { describe, expect, it } from 'vitest';
import { parseHookReply } from './hook-reply.js';
import { registrationHookType as registration } from './registration.inline-hook.js';
import { samlHookType as saml } from './saml.inline-hook.js';
import { telephonyHookType as telephony } from './telephony.inline-hook.js';

describe('parseHookReply', () => {
  it('reads an empty body and {} as "no commands"', () => {
    expect(parseHookReply(registration, '')).toEqual({ reply: { commands: [], error: null, debugContext: null } });
    expect(parseHookReply(registration, '{}')).toEqual({ reply: { commands: [], error: null, debugContext: null } });
    expect(parseHookReply(registration, '{"commands":null,"error":null}')).toEqual({ reply: { commands: [], error: null, debugContext: null } });
  });

  it('keeps commands, error and debugContext', () => {
    const body = { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }], error: { errorSummary: 'no' }, debugContext: { a: 1 } };
    expect(parseHookReply(registration, JSON.stringify(body))).toEqual({ reply: body });
  });

  it.each([
    ['[]', /must be a JSON object/],
    ['"text"', /must be a JSON object/],
    ['{"commands":{}}', /does not match the inline hook response format/],
    ['{"commands":[{"value":{}}]}', /does not match/],
    ['{"error":"bad"}', /does not match/],
    ['{"commands":[{"type":"com.okta.user.profile.update","value":[]}]}', /commands\[0\]\.value is invalid/],
    ['{"commands":[{"type":"com.okta.action.update","value":{"registration":"ALLOW","extra":1}}]}', /commands\[0\]\.value is invalid/],
    ['{"commands":[{"type":"com.okta.access.patch","value":[]}]}', /is not a command of com\.okta\.user\.pre-registration/],
  ])('refuses %s', (body, reason) => {
    const parsed = parseHookReply(registration, body);
    expect('invalid' in parsed && parsed.invalid).toMatch(reason);
  });

  it('checks array values (telephony results, SAML patches)', () => {
    expect(parseHookReply(telephony, JSON.stringify({ commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SUCCESSFUL', provider: 'VONAGE' }] }] }))).toHaveProperty('reply');
    expect(parseHookReply(telephony, JSON.stringify({ commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SENT' }] }] }))).toHaveProperty('invalid');
    expect(parseHookReply(saml, JSON.stringify({ commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/claims/x/attributeValues/0/value', value: 'y' }] }] }))).toHaveProperty('reply');
    expect(parseHookReply(saml, JSON.stringify({ commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'remove', path: '/claims/x' }] }] }))).toHaveProperty('invalid');
  });
});
