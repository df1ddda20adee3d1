import type { AppContext } from '../../platform/context.js';
import type { OktaApi } from '../engine/services/okta.js';

/** This org's own management API for the Okta connector cards (owner: the Okta connector engineer). */
export function oktaApi(_ctx: AppContext): OktaApi | undefined {
  return undefined;
}
