import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random base62 text of the given length (rejection sampling keeps it uniform). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** Okta's object id prefixes: every id is the prefix plus random base62, 20 characters in all. */
export const ID_PREFIX = {
  user: '00u',
  group: '00g',
  policy: '00p',
  policyRule: '0pr',
  userType: 'oty',
  inlineHook: 'cal',
  eventHook: 'who',
  apiToken: '00T',
  session: '102',
  hookCall: 'ihc',
  app: '0oa',
  errorId: 'oae',
  request: 'req',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export function newId(kind: IdKind): string {
  const prefix = ID_PREFIX[kind];
  return prefix + randomBase62(20 - prefix.length);
}

export function newUuid(): string {
  return randomUUID();
}
