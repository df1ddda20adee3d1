/**
 * The resource families Tollgate claims, as operations of Okta's management OpenAPI spec (by tag, and for
 * group rules by path). Used by scripts/api-coverage.ts and the SDK sweep tests.
 */
import { DOCUMENTED_OPERATIONS } from '../../src/platform/okta-api/documented-operations.js';

export interface SpecOperation { method: string; path: string; operationId: string; tag: string }

export const FAMILIES: Record<string, { title: string; match: (op: SpecOperation) => boolean }> = {
  users: { title: 'Users', match: (o) => o.tag === 'User' },
  groups: { title: 'Groups', match: (o) => o.tag === 'Group' && !o.path.startsWith('/api/v1/groups/rules') },
  'group-rules': { title: 'Group rules', match: (o) => o.tag === 'Group' && o.path.startsWith('/api/v1/groups/rules') },
  'user-types': { title: 'User types', match: (o) => o.tag === 'UserType' },
  schemas: { title: 'Schemas', match: (o) => o.tag === 'Schema' },
  apps: { title: 'Apps (users, groups, credentials)', match: (o) => o.tag === 'Application' || o.tag === 'ApplicationSSOPublicKeys' },
  policies: { title: 'Policies and rules', match: (o) => o.tag === 'Policy' },
  'authorization-servers': { title: 'Authorization servers (claims, scopes, policies, keys)', match: (o) => o.tag === 'AuthorizationServer' || o.tag === 'OAuth2ResourceServerCredentialsKeys' },
  'inline-hooks': { title: 'Inline hooks', match: (o) => o.tag === 'InlineHook' },
  'event-hooks': { title: 'Event hooks', match: (o) => o.tag === 'EventHook' },
  factors: { title: 'Factors', match: (o) => o.tag === 'UserFactor' },
  'system-log': { title: 'System Log', match: (o) => o.tag === 'SystemLog' },
  'identity-sources': { title: 'Identity sources', match: (o) => o.tag === 'IdentitySource' },
  'trusted-origins': { title: 'Trusted origins', match: (o) => o.tag === 'TrustedOrigin' },
};

export function familyOperations(family: string): SpecOperation[] {
  return DOCUMENTED_OPERATIONS.map(([method, path, operationId, tag]) => ({ method, path, operationId, tag }))
    .filter((o) => FAMILIES[family].match(o));
}

/** A request to the operation with placeholder ids: answered 501 E0000060 exactly when Tollgate lacks it. */
export async function probe(baseUrl: string, token: string, op: SpecOperation): Promise<{ status: number; errorCode?: string }> {
  const url = baseUrl + op.path.replace(/\{[^}]+\}/g, 'zzz0probe00000000000');
  const hasBody = op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH';
  const res = await fetch(url, {
    method: op.method,
    headers: { authorization: `SSWS ${token}`, accept: 'application/json', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    body: hasBody ? '{}' : undefined,
  });
  const text = await res.text();
  let errorCode: string | undefined;
  try { errorCode = JSON.parse(text)?.errorCode; } catch { /* not JSON */ }
  return { status: res.status, errorCode };
}

export function isUnsupported(r: { status: number; errorCode?: string }): boolean {
  return r.status === 501 && r.errorCode === 'E0000060';
}
