/**
 * Apps may list every grant and response type Okta accepts (src/apps/oauth-grants.ts); Tollgate's
 * authorization servers implement fewer. When a client uses one they lack, oidc-provider answers
 * `unsupported_grant_type` / `unsupported_response_type` with a generic text: this says which flow it is
 * and that Tollgate, not the app's configuration, is the limit.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { GRANTS_BY_APP_TYPE, grantLabel, IMPLEMENTED_GRANTS, IMPLEMENTED_RESPONSE_TYPES, RESPONSE_TYPES } from '../../apps/oauth-grants.js';

const OKTA_GRANTS = new Set(Object.values(GRANTS_BY_APP_TYPE).flat());

export function grantMessage(grant: string): string {
  return `Tollgate does not implement the ${grantLabel(grant)} grant (${grant}). Okta accepts it on apps, so Tollgate stores it, `
    + `but its authorization servers issue tokens only for ${IMPLEMENTED_GRANTS.join(', ')}.`;
}

export function responseTypeMessage(responseType: string): string {
  return `Tollgate does not implement response_type '${responseType}' (the implicit flow). Okta accepts it on apps, so Tollgate stores it, `
    + `but its authorization servers answer only response_type '${IMPLEMENTED_RESPONSE_TYPES.join(' ')}'.`;
}

/** Rewrites the error description of a response oidc-provider has just produced, when it is one of these. */
export function explainUnimplemented(koaCtx: KoaContextWithOIDC): void {
  const route = koaCtx.oidc?.route;
  const body = koaCtx.body as { error?: string; error_description?: string } | undefined;
  if (route === 'token' && body && typeof body === 'object' && body.error === 'unsupported_grant_type') {
    const grant = String(koaCtx.oidc?.params?.grant_type ?? '');
    if (OKTA_GRANTS.has(grant)) body.error_description = grantMessage(grant);
    return;
  }
  if (route !== 'authorization') return;
  const requested = String(koaCtx.query.response_type ?? '');
  if (!requested.split(' ').every((t) => RESPONSE_TYPES.includes(t))) return;
  const location = koaCtx.response.get('location');
  if (location && /[?#&]error=unsupported_response_type/.test(location)) {
    const url = new URL(location);
    const inFragment = url.hash.includes('error=');
    const params = new URLSearchParams(inFragment ? url.hash.slice(1) : url.search);
    params.set('error_description', responseTypeMessage(requested));
    if (inFragment) url.hash = params.toString();
    else url.search = params.toString();
    koaCtx.response.set('location', url.toString());
  } else if (body && typeof body === 'object' && body.error === 'unsupported_response_type') {
    body.error_description = responseTypeMessage(requested);
  }
}
