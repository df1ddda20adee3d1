/**
 * An SSO waiting for the user to sign in: the AuthnRequest (or IdP-initiated start) sealed with the
 * server's secret key into the `fromURI` that the hosted sign-in page returns to. Nothing is stored, the
 * token cannot be read or forged, it names its app, and it expires.
 */
import type { AppContext } from '../platform/context.js';
import type { AuthnRequestInfo } from './authn-request.js';

/** Long enough to sign in (and reset a forgotten password), short enough that an old link is useless. */
export const PENDING_SSO_TTL_MS = 15 * 60 * 1000;

export interface PendingSso {
  appId: string;
  /** The AuthnRequest, for SP-initiated SSO; absent for IdP-initiated. */
  request?: AuthnRequestInfo;
  relayState?: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

const PURPOSE = 'saml-sso';

export function sealPendingSso(ctx: AppContext, pending: PendingSso): string {
  return ctx.secrets.encrypt(JSON.stringify({ purpose: PURPOSE, ...pending }));
}

/** The pending SSO of a token, or undefined when it is unreadable, for another app, or expired. */
export function openPendingSso(ctx: AppContext, token: string, appId: string): PendingSso | undefined {
  let parsed: PendingSso & { purpose?: string };
  try {
    parsed = JSON.parse(ctx.secrets.decrypt(token));
  } catch {
    return undefined;
  }
  if (parsed.purpose !== PURPOSE || parsed.appId !== appId || typeof parsed.createdAt !== 'number') return undefined;
  const age = ctx.clock().getTime() - parsed.createdAt;
  if (age < 0 || age > PENDING_SSO_TTL_MS) return undefined;
  return { appId: parsed.appId, request: parsed.request, relayState: parsed.relayState, createdAt: parsed.createdAt };
}
