import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../platform/crypto.js';
import type { AppContext } from '../platform/context.js';
import { buildTelephonyRequest, checkTelephonyReply, TELEPHONY_REQUEST_TYPES, telephonyHookType } from '../hooks/inline/telephony.inline-hook.js';
import { parseHookReply } from '../hooks/inline/hook-reply.js';
import { telephonyLocale } from './challenges.service.js';
import { generateOtp, hashOtp, otpMatches } from './otp.js';
import { maskedPhone, normalizeExtension, normalizePhoneNumber } from './phone-number.js';

const ctx = {
  secrets: createSecretBox(Buffer.alloc(32, 7)),
  clock: () => new Date('2026-01-28T21:43:40.000Z'),
  config: { issuer: 'https://id.example.com' },
} as unknown as AppContext;

describe('phone numbers', () => {
  it('accepts E.164 and Okta\'s dashed examples, and stores E.164', () => {
    expect(normalizePhoneNumber('+15554151337')).toBe('+15554151337');
    expect(normalizePhoneNumber('+1-555-415-1337')).toBe('+15554151337');
    expect(normalizePhoneNumber(' +44 (20) 7946.0958 ')).toBe('+442079460958');
  });

  it('refuses numbers without a country code, with letters, or too long', () => {
    for (const bad of ['5554151337', '+0123', '+1555CALLME', '+1234567890123456', '', '+']) expect(normalizePhoneNumber(bad), bad).toBeUndefined();
  });

  it('checks extensions and masks numbers', () => {
    expect(normalizeExtension('1234')).toBe('1234');
    expect(normalizeExtension('')).toBeNull();
    expect(normalizeExtension(undefined)).toBeNull();
    expect(normalizeExtension('12a')).toBeUndefined();
    expect(maskedPhone('+15554151337')).toBe('ending in 1337');
  });
});

describe('one-time passcodes', () => {
  it('are six digits, and only a keyed hash bound to the challenge is kept', () => {
    const codes = new Set(Array.from({ length: 50 }, generateOtp));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(40);
    const hash = hashOtp(ctx, 'ch1', '123456');
    expect(hash).not.toContain('123456');
    expect(otpMatches(ctx, 'ch1', '123456', hash)).toBe(true);
    expect(otpMatches(ctx, 'ch1', ' 123456 ', hash)).toBe(true);
    expect(otpMatches(ctx, 'ch1', '123457', hash)).toBe(false);
    expect(otpMatches(ctx, 'ch2', '123456', hash)).toBe(false);
  });

  it('use Okta\'s locale form', () => {
    expect(telephonyLocale('en_US')).toBe('EN-US');
    expect(telephonyLocale('fr')).toBe('FR');
    expect(telephonyLocale(undefined)).toBe('EN-US');
    expect(telephonyLocale('not a locale')).toBe('EN-US');
  });
});

describe('the telephony hook type', () => {
  it('names the four flows with §3.6\'s requestType strings', () => {
    expect(Object.values(TELEPHONY_REQUEST_TYPES)).toEqual([
      'com.okta.user.telephony.pre-enrollment',
      'com.okta.user.telephony.mfa-verification',
      'com.okta.user.telephony.account-unlock',
      'com.okta.user.telephony.password-reset',
    ]);
  });

  it('builds the request with strings for the code and the number', () => {
    const request = buildTelephonyRequest(ctx, 'https://id.example.com/api/v1/inlineHooks/cal1', {
      purpose: 'reset',
      user: { id: '00u1', login: 'a@example.com', firstName: 'A', lastName: null },
      messageProfile: { msgTemplate: 'Your verification code is 012345', phoneNumber: '+15554151337', otpExpires: '2026-01-28T21:48:40.000Z', deliveryChannel: 'SMS', otpCode: '012345', locale: 'EN-US' },
      request: { id: 'req1', method: 'POST', url: '/signin/recover/reset', ipAddress: null },
    });
    expect(request).toMatchObject({
      eventTime: '2026-01-28T21:43:40.000Z', requestType: 'com.okta.user.telephony.password-reset',
      data: { userProfile: { firstName: 'A', lastName: null, login: 'a@example.com', userId: '00u1' }, messageProfile: { otpCode: '012345' } },
    });
  });

  it('accepts one com.okta.telephony.action and nothing else', () => {
    const parse = (reply: unknown) => {
      const parsed = parseHookReply(telephonyHookType, JSON.stringify(reply));
      return 'invalid' in parsed ? parsed.invalid : checkTelephonyReply(parsed.reply);
    };
    expect(parse({ commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'PENDING', transactionMetadata: 'Duration=300ms' }] }] })).toBeUndefined();
    expect(parse({})).toMatch(/must reply with a com\.okta\.telephony\.action command/);
    expect(parse({ error: { errorSummary: 'Failed to deliver' } })).toBe('The telephony hook reported an error: Failed to deliver');
    expect(parse({ commands: [{ type: 'com.okta.telephony.action', value: [] }] })).toMatch(/is invalid/);
    expect(parse({ commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SUCCESSFUL', extra: 1 }] }] })).toMatch(/is invalid/);
  });
});
