/**
 * A CSV directory: an app users are imported from, one CSV upload at a time (`POST /api/v1/apps/{id}/imports`,
 * src/imports). Okta has no public `signOnMode` for it, so Tollgate names the kind `CSV_IMPORT` (app name
 * `csv_import`). Its import settings live in `settings.app`:
 * - `userImportInlineHookId`: the user import inline hook (`com.okta.import.transform`) called once per
 *   imported user (Okta: Provisioning → To Okta → Inline Hooks → User Creation); null for none;
 * - `matchRules`: how an imported user matches an existing Okta user, any of `USERNAME` (login equals the
 *   mapped login), `EMAIL`, `FIRST_AND_LAST_NAME`; sent to the hook as `data.context.policy`;
 * - `activateUsers`: new users are created ACTIVE (or PROVISIONED without a credential) instead of STAGED;
 * - `passwordImportHook`: new users get `credentials.password.hook` (their first sign-in asks the password
 *   import inline hook).
 */
import { errors } from '../platform/errors.js';
import type { AppKind } from './app-kind.js';

export const CSV_IMPORT_SIGN_ON_MODE = 'CSV_IMPORT';
export const MATCH_RULES = ['USERNAME', 'EMAIL', 'FIRST_AND_LAST_NAME'] as const;
export type MatchRule = (typeof MATCH_RULES)[number];
const USER_IMPORT_HOOK_TYPE = 'com.okta.import.transform';

/** The import settings of a CSV-import app, as stored in `settings.app`. */
export interface CsvImportSettings {
  userImportInlineHookId: string | null;
  matchRules: MatchRule[];
  activateUsers: boolean;
  passwordImportHook: boolean;
}

export const DEFAULT_CSV_IMPORT_SETTINGS: CsvImportSettings = {
  userImportInlineHookId: null, matchRules: ['USERNAME', 'EMAIL'], activateUsers: false, passwordImportHook: false,
};

/** The import settings of a stored app's `settings` JSON. */
export function csvImportSettingsOf(settingsJson: string): CsvImportSettings {
  const app = (JSON.parse(settingsJson) as { app?: Partial<CsvImportSettings> }).app ?? {};
  return { ...DEFAULT_CSV_IMPORT_SETTINGS, ...app };
}

export const csvImportAppKind: AppKind = {
  signOnMode: CSV_IMPORT_SIGN_ON_MODE,
  async prepare(_ctx, db, input) {
    const given = (input.settings?.app ?? {}) as Record<string, unknown>;
    const causes: string[] = [];
    const settings: CsvImportSettings = { ...DEFAULT_CSV_IMPORT_SETTINGS };

    const hookId = given.userImportInlineHookId;
    if (hookId !== undefined && hookId !== null && hookId !== '') {
      const hook = typeof hookId === 'string' ? await db.selectFrom('inline_hooks').select(['id', 'type']).where('id', '=', hookId).executeTakeFirst() : undefined;
      if (!hook) causes.push(`settings.app.userImportInlineHookId: There is no inline hook ${JSON.stringify(hookId)}`);
      else if (hook.type !== USER_IMPORT_HOOK_TYPE) causes.push(`settings.app.userImportInlineHookId: The inline hook ${hook.id} is a ${hook.type} hook, not a ${USER_IMPORT_HOOK_TYPE} hook`);
      else settings.userImportInlineHookId = hook.id;
    }

    if (given.matchRules !== undefined) {
      const rules = given.matchRules;
      if (!Array.isArray(rules) || rules.some((r) => !(MATCH_RULES as readonly unknown[]).includes(r))) {
        causes.push(`settings.app.matchRules: The value must be a list of ${MATCH_RULES.join(', ')}`);
      } else {
        settings.matchRules = MATCH_RULES.filter((r) => rules.includes(r));
      }
    }

    for (const flag of ['activateUsers', 'passwordImportHook'] as const) {
      if (given[flag] === undefined) continue;
      if (typeof given[flag] !== 'boolean') causes.push(`settings.app.${flag}: The value must be true or false`);
      else settings[flag] = given[flag];
    }

    if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
    return { name: 'csv_import', settings: { ...input.settings, app: settings }, credentials: {}, secrets: null };
  },
  decorate(ctx, row, json) {
    return { ...json, _links: { ...json._links, imports: { href: `${ctx.config.issuer}/api/v1/apps/${row.id}/imports` } } };
  },
};
