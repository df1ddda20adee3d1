/**
 * A Custom Identity Source (Okta's "Anything-as-a-Source" app integration): an HR system or other source
 * that pushes users to Okta through the Identity Sources API (`/api/v1/identity-sources/{appId}/sessions`,
 * src/identity-sources). Okta has no public `signOnMode` for it, so Tollgate names the kind
 * `CUSTOM_IDENTITY_SOURCE` (app name `custom_identity_source`).
 *
 * Its import settings are those of a CSV directory (`settings.app`: `userImportInlineHookId`, `matchRules`,
 * `activateUsers`, `passwordImportHook`, see csv-import.app-kind.ts) and are checked by the same code: a
 * session's import runs through the same import machinery. It is a kind of its own, not a CSV directory,
 * because it takes no CSV uploads and its users are keyed by the source's `externalId`.
 */
import type { AppKind } from './app-kind.js';
import { csvImportAppKind } from './csv-import.app-kind.js';

export const IDENTITY_SOURCE_SIGN_ON_MODE = 'CUSTOM_IDENTITY_SOURCE';

export const identitySourceAppKind: AppKind = {
  signOnMode: IDENTITY_SOURCE_SIGN_ON_MODE,
  async prepare(ctx, db, input, existing) {
    const prepared = await csvImportAppKind.prepare(ctx, db, input, existing);
    return { ...prepared, name: 'custom_identity_source' };
  },
  decorate(ctx, row, json) {
    return { ...json, _links: { ...json._links, sessions: { href: `${ctx.config.issuer}/api/v1/identity-sources/${row.id}/sessions` } } };
  },
};
