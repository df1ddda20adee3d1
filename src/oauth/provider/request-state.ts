/** What Tollgate learns during one token request and needs later in it (the governing rule, the user). */
import { errors as oidcErrors, type KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import type { UsersTable } from '../../platform/db/schema.js';
import { POLICY_DENIED, resolveTokenRule, type ResolvedRule, type TokenRequestFacts } from '../policy-evaluation.js';

export interface TokenRequestState {
  rule?: ResolvedRule;
  user?: UsersTable;
}

const states = new WeakMap<object, TokenRequestState>();

export function stateOf(koaCtx: KoaContextWithOIDC): TokenRequestState {
  let state = states.get(koaCtx);
  if (!state) {
    state = {};
    states.set(koaCtx, state);
  }
  return state;
}

/** Resolves (once per request) the access policy rule of a token request; none matching denies it. */
export async function ensureTokenRule(ctx: AppContext, koaCtx: KoaContextWithOIDC, serverId: string, facts: TokenRequestFacts): Promise<ResolvedRule> {
  const state = stateOf(koaCtx);
  if (state.rule) return state.rule;
  const rule = await resolveTokenRule(ctx, serverId, facts);
  if (!rule) throw new oidcErrors.AccessDenied(POLICY_DENIED);
  state.rule = rule;
  return rule;
}

/** The grant type that first issued a code or refresh token (`gty` is e.g. "authorization_code refresh_token"). */
export function originalGrantType(gty: unknown): string {
  return typeof gty === 'string' && gty ? gty.split(' ')[0] : 'authorization_code';
}
