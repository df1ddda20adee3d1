/**
 * What the types' previews share: a made-up person (Rosario Jones) with her session and request, and the
 * small helpers that word a decision. Nothing here reads or writes a user, app or token of the org.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { HookErrorCause } from './hook-reply.js';
import type { HookCallResult } from './runner.js';

const PERSON = {
  id: '00uSamp1eRosar1oJ0g3',
  login: 'rosario.jones@example.com',
  firstName: 'Rosario',
  lastName: 'Jones',
  passwordChanged: '2024-01-15T23:17:09.000Z',
};
export const SAMPLE_IP = '198.51.100.23';
/** The made-up person of every sample (`tollgate hook check` derives its edge cases from it). */
export { PERSON as SAMPLE_PERSON };

export function sampleRequestInfo(method: string, url: string) {
  return { id: `req${randomBytes(12).toString('base64url')}`, method, url, ipAddress: SAMPLE_IP };
}

function userLinks(ctx: AppContext) {
  const userUrl = `${ctx.config.issuer}/api/v1/users/${PERSON.id}`;
  return { groups: { href: `${userUrl}/groups` }, factors: { href: `${userUrl}/factors` } };
}

export function sampleUser(ctx: AppContext) {
  return {
    id: PERSON.id,
    passwordChanged: PERSON.passwordChanged,
    profile: { login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName, locale: 'en_US', timeZone: 'America/Los_Angeles' },
    _links: userLinks(ctx),
  };
}

export function sampleSession(ctx: AppContext) {
  const now = ctx.clock();
  return {
    id: `102${randomBytes(16).toString('base64url')}`, userId: PERSON.id, login: PERSON.login,
    createdAt: new Date(now.getTime() - 5 * 60_000).toISOString(), expiresAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
    status: 'ACTIVE', lastPasswordVerification: new Date(now.getTime() - 5 * 60_000).toISOString(), amr: ['PASSWORD'],
    idp: { id: null, type: 'OKTA' }, mfaActive: false,
  };
}

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const dataOf = (payload: Json): Json => (isObject(payload.data) ? payload.data : {});
/** A reason inside a sentence ("… because the hook did not answer …"). */
export const because = (reason: string): string => `because ${reason.charAt(0).toLowerCase()}${reason.slice(1).replace(/\.$/, '')}`;

export function replyErrorCauses(result: HookCallResult): HookErrorCause[] {
  if (!result.ok) return [];
  return result.reply.error?.errorCauses ?? [];
}
