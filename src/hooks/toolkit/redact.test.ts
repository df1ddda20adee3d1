import { describe, expect, test } from 'vitest';
import { passwordImportHookType } from '../inline/password-import.inline-hook.js';
import { telephonyHookType } from '../inline/telephony.inline-hook.js';
import { REDACTED, redactForRecording } from './redact.js';

describe('what a recording keeps of a request', () => {
  test('a telephony code goes, also where the message template quotes it', () => {
    const request = { data: { messageProfile: { msgTemplate: 'Your verification code is 482913', otpCode: '482913', phoneNumber: '+15555550123' } } };
    expect(redactForRecording(telephonyHookType, request)).toEqual({
      data: { messageProfile: { msgTemplate: `Your verification code is ${REDACTED}`, otpCode: REDACTED, phoneNumber: '+15555550123' } },
    });
  });

  test("the password import hook's own redaction applies, and secrets anywhere are replaced", () => {
    const request = { data: { context: { credential: { username: 'a@example.com', password: 'Passw0rd!' } }, nested: [{ clientSecret: 'abcd1234' }] } };
    const kept = JSON.stringify(redactForRecording(passwordImportHookType, request));
    expect(kept).not.toContain('Passw0rd!');
    expect(kept).not.toContain('abcd1234');
    expect(kept).toContain('a@example.com');
  });
});
