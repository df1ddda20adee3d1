/**
 * The token hook's preview: a sample minting (an authorization code grant of a made-up web app for Rosario
 * Jones) and the decision in an admin's words. The verdict itself is `tokenCallOutcome`'s.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { PreviewDecision } from './hook-type.js';
import { because, dataOf, isObject, SAMPLE_PERSON as PERSON, sampleRequestInfo, sampleSession, sampleUser } from './preview-kit.js';
import type { TokenHookInput, TokenHookOutcome, TokenPart } from './token.inline-hook.js';

type Json = Record<string, unknown>;

/** What the token endpoint would hand the hook for a sample minting. */
export function sampleTokenInput(ctx: AppContext): TokenHookInput {
  const issuer = `${ctx.config.issuer}/oauth2/default`;
  const now = Math.floor(ctx.clock().getTime() / 1000);
  const clientId = '0oaSamp1eWebC1ient0g3';
  const request = {
    scope: 'openid profile email', state: 'af0ifjsldkj', redirect_uri: 'https://app.example.com/callback',
    response_mode: 'query', response_type: 'code', client_id: clientId, grant_type: 'authorization_code',
  };
  return {
    hookId: '',
    source: `${issuer}/v1/token`,
    request: sampleRequestInfo('POST', `${issuer}/v1/token`),
    protocol: { request, issuer, client: { id: clientId, name: 'Sample web app', type: 'CONFIDENTIAL' } },
    session: sampleSession(ctx),
    user: sampleUser(ctx),
    policy: { id: '00pSamp1eAccessP0g3', rule: { id: '0prSamp1eRu1e0g3' } },
    identity: {
      claims: {
        sub: PERSON.id, name: `${PERSON.firstName} ${PERSON.lastName}`, email: PERSON.login, ver: 1, iss: issuer, aud: clientId,
        iat: now, exp: now + 3600, jti: `ID.${randomBytes(16).toString('base64url')}`, amr: ['pwd'], idp: '00oSamp1eIdp0g3',
        nonce: 'n-0S6_WzA2Mj', preferred_username: PERSON.login, auth_time: now - 300, locale: 'en_US',
      },
      lifetime: 3600,
    },
    access: {
      claims: {
        ver: 1, jti: `AT.${randomBytes(16).toString('base64url')}`, iss: issuer, aud: 'api://default', iat: now, exp: now + 3600,
        cid: clientId, uid: PERSON.id, scp: ['openid', 'profile', 'email'], auth_time: now - 300, sub: PERSON.login,
      },
      lifetime: 3600,
      scopes: {
        openid: { id: 'scpSamp1eOpenid0g3', action: 'GRANT' },
        profile: { id: 'scpSamp1eProfi1e0g3', action: 'GRANT' },
        email: { id: 'scpSamp1eEmai10g3', action: 'GRANT' },
      },
    },
    refreshTokenJti: `oar${randomBytes(12).toString('base64url')}`,
  };
}

/** The tokens a token hook request carries (`data.identity` only when an ID token is minted). */
export function tokensOf(payload: Json): { identity?: TokenPart; access: TokenPart } {
  const data = dataOf(payload);
  const part = (p: unknown): TokenPart | undefined => {
    if (!isObject(p) || !isObject(p.claims)) return undefined;
    const expiration = (p.token as { lifetime?: { expiration?: unknown } } | undefined)?.lifetime?.expiration;
    return { claims: p.claims, lifetime: typeof expiration === 'number' ? expiration : 3600 };
  };
  return { identity: part(data.identity), access: part(data.access) ?? { claims: {}, lifetime: 3600 } };
}

export function tokenPreviewProblems(payload: Json): string[] {
  const data = dataOf(payload);
  const problems: string[] = [];
  if (!isObject(data.access) || !isObject(data.access.claims)) problems.push('data.access.claims: A token hook request must carry the access token\'s claims');
  if (data.identity !== undefined && (!isObject(data.identity) || !isObject(data.identity.claims))) problems.push('data.identity.claims: The ID token, when present, must carry its claims');
  return problems;
}

interface ClaimChanges {
  added: Json;
  replaced: Record<string, { from: unknown; to: unknown }>;
  removed: string[];
  lifetime?: { from: number; to: number };
  claims: Json;
  lifetimeSeconds: number;
}

function claimChanges(before: TokenPart, after: TokenPart): ClaimChanges {
  const changes: ClaimChanges = { added: {}, replaced: {}, removed: [], claims: after.claims, lifetimeSeconds: after.lifetime };
  for (const [name, value] of Object.entries(after.claims)) {
    if (!Object.hasOwn(before.claims, name)) changes.added[name] = value;
    else if (JSON.stringify(before.claims[name]) !== JSON.stringify(value)) changes.replaced[name] = { from: before.claims[name], to: value };
  }
  changes.removed = Object.keys(before.claims).filter((name) => !Object.hasOwn(after.claims, name));
  if (before.lifetime !== after.lifetime) changes.lifetime = { from: before.lifetime, to: after.lifetime };
  return changes;
}

function describeChanges(label: string, c: ClaimChanges): string | undefined {
  const parts = [
    ...(Object.keys(c.added).length ? [`adds ${Object.keys(c.added).join(', ')}`] : []),
    ...(Object.keys(c.replaced).length ? [`replaces ${Object.keys(c.replaced).join(', ')}`] : []),
    ...(c.removed.length ? [`removes ${c.removed.join(', ')}`] : []),
    ...(c.lifetime ? [`sets the lifetime from ${c.lifetime.from} to ${c.lifetime.to} seconds`] : []),
  ];
  return parts.length ? `the ${label} ${parts.join(', ')}` : undefined;
}

/** The outcome for these tokens, in an admin's words. */
export function tokenDecision(outcome: TokenHookOutcome, tokens: { identity?: TokenPart; access: TokenPart }): PreviewDecision {
  if (outcome.result === 'ERROR') {
    return {
      result: 'ERROR', error: { error: 'server_error', error_description: outcome.message },
      summary: `No token is issued: the token request fails with server_error ("${outcome.message}").`,
    };
  }
  if (outcome.result === 'UNCHANGED') {
    return {
      result: 'UNCHANGED', ...(outcome.reason ? { reason: outcome.reason } : {}),
      summary: outcome.reason ? `Fails open: the tokens are issued unmodified ${because(outcome.reason)}.` : 'The tokens are issued unmodified: the reply has no patch.',
    };
  }
  const identity = outcome.identity && tokens.identity ? claimChanges(tokens.identity, outcome.identity) : undefined;
  const access = claimChanges(tokens.access, outcome.access);
  const described = [identity && describeChanges('ID token', identity), describeChanges('access token', access)].filter(Boolean);
  return {
    result: 'PATCHED', ...(identity ? { identity } : {}), access,
    summary: described.length ? `The tokens are patched: ${described.join('; ')}.` : 'The tokens are patched, with no visible change.',
  };
}
