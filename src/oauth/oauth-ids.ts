import { randomBase62 } from '../platform/ids.js';

/** Okta's id prefixes for authorization server objects (20 characters in all, as every Okta id). */
const PREFIX = { server: 'aus', scope: 'scp', claim: 'ocl', policy: '00p', rule: '0pr', key: '' } as const;

export function newOAuthId(kind: keyof typeof PREFIX): string {
  if (kind === 'key') return randomBase62(43);
  return PREFIX[kind] + randomBase62(20 - PREFIX[kind].length);
}
