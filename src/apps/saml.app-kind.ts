import type { Executor } from '../platform/db/index.js';
import { normaliseSignOn } from './saml/saml-settings.js';
import { apiMetadataUrlOf, ssoUrlOf } from './saml/saml-urls.js';
import { hasSigningKey, newAppSigningKey } from './saml/signing-key.js';
import type { AppKind } from './app-kind.js';

/** Okta's default username template of a custom app. */
const DEFAULT_USERNAME_TEMPLATE = { template: '${source.login}', type: 'BUILT_IN' };

/**
 * A custom SAML 2.0 app (Okta's `SamlApplication`): `settings.signOn` validated with Okta's defaults, a
 * signing key and certificate generated per app (private key in the app's encrypted secrets,
 * `credentials.signing.kid` public), a generated `name` (`tollgate_<label>_<n>`, as Okta's
 * `<org>_<label>_<n>`), and `_links.metadata` / `_links.appLinks`.
 */
export const samlAppKind: AppKind = {
  signOnMode: 'SAML_2_0',
  async prepare(ctx, db, input, existing) {
    const signOn = await normaliseSignOn(db, input.settings?.signOn);
    const given = (input.credentials ?? {}) as Record<string, unknown>;
    const stored = existing ? (JSON.parse(existing.row.credentials) as Record<string, unknown>) : {};
    const name = existing?.row.name ?? await customAppName(db, input.label ?? '');
    let signing = stored.signing as { kid: string } | undefined;
    let secrets: Record<string, string> | undefined;
    if (!existing || !hasSigningKey(existing.secrets) || !signing?.kid) {
      const key = await newAppSigningKey(name, ctx.clock());
      signing = key.signing;
      secrets = { ...existing?.secrets, ...key.secrets };
    }
    return {
      name,
      settings: { ...input.settings, app: input.settings?.app ?? {}, signOn },
      credentials: { userNameTemplate: given.userNameTemplate ?? stored.userNameTemplate ?? DEFAULT_USERNAME_TEMPLATE, signing },
      secrets,
    };
  },
  decorate(ctx, row, json) {
    const signOn = (json.settings?.signOn ?? {}) as Record<string, unknown>;
    const inlineHooks = Array.isArray(signOn.inlineHooks)
      ? signOn.inlineHooks.map((h: { id: string }) => ({
        id: h.id,
        _links: { self: { href: `${ctx.config.issuer}/api/v1/inlineHooks/${h.id}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } },
      }))
      : [];
    return {
      ...json,
      settings: { ...json.settings, signOn: { ...signOn, inlineHooks } },
      _links: {
        ...json._links,
        appLinks: [{ name: `${row.name}_link`, href: ssoUrlOf(ctx, row), type: 'text/html' }],
        metadata: { href: apiMetadataUrlOf(ctx, row), type: 'application/xml' },
      },
    };
  },
};

/** `tollgate_<label letters and digits>_<n>`, with the first free `n`. */
async function customAppName(db: Executor, label: string): Promise<string> {
  const slug = label.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 40) || 'samlapp';
  const prefix = `tollgate_${slug}_`;
  const rows = await db.selectFrom('apps').select('name').where('sign_on_mode', '=', 'SAML_2_0').execute();
  const taken = new Set(rows.map((r) => r.name));
  let n = 1;
  while (taken.has(prefix + n)) n += 1;
  return prefix + n;
}
