import { errors } from '../platform/errors.js';
import type { AppKind } from './app-kind.js';

/** Okta's Bookmark app: a link in the user's dashboard, `settings.app.url` required. */
export const bookmarkAppKind: AppKind = {
  signOnMode: 'BOOKMARK',
  async prepare(_ctx, _db, input) {
    const app = (input.settings?.app ?? {}) as Record<string, unknown>;
    const url = app.url;
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) {
      throw errors.validation('settings.app.url', ['url: The URL must be an absolute http or https URL']);
    }
    return {
      name: 'bookmark',
      settings: { ...input.settings, app: { requestIntegration: false, ...app, url } },
      credentials: {},
      secrets: null,
    };
  },
};
