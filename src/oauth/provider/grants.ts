/**
 * Consent: Tollgate's OIDC apps are the org's own (Okta's `consent_method: TRUSTED`), so a grant covers
 * whatever the client asked for; Okta's scopes and the server's audience are granted without a prompt.
 */
import type Provider from 'oidc-provider';

export async function ensureGrant(
  provider: Provider, input: { accountId: string; clientId: string; scope: string; audience: string; grantId?: string },
): Promise<string> {
  let grant = input.grantId ? await provider.Grant.find(input.grantId) : undefined;
  if (!grant || grant.accountId !== input.accountId || grant.clientId !== input.clientId) {
    grant = new provider.Grant({ accountId: input.accountId, clientId: input.clientId });
  }
  if (input.scope) {
    grant.addOIDCScope(input.scope);
    grant.addResourceScope(input.audience, input.scope);
  }
  return grant.save();
}
