import type { AppKind } from './app-kind.js';
import { bookmarkAppKind } from './bookmark.app-kind.js';
import { csvImportAppKind } from './csv-import.app-kind.js';
import { identitySourceAppKind } from './identity-source.app-kind.js';
import { oidcAppKind } from './oidc.app-kind.js';
import { samlAppKind } from './saml.app-kind.js';

/** Every kind of app Tollgate can create, one per `signOnMode`. Add a kind here and nowhere else. */
export const appKinds: AppKind[] = [
  bookmarkAppKind,
  csvImportAppKind,
  identitySourceAppKind,
  oidcAppKind,
  samlAppKind,
];

export function appKindOf(signOnMode: string): AppKind | undefined {
  return appKinds.find((k) => k.signOnMode === signOnMode);
}
