/**
 * The user import hook's preview: Rosario Jones arriving from a made-up CSV directory, and the decision in
 * an admin's words. The verdict itself is `userImportCallOutcome`'s and `userImportAction`'s.
 */
import { randomBase62 } from '../../platform/ids.js';
import type { PreviewDecision } from './hook-type.js';
import { because, dataOf, isObject, SAMPLE_PERSON as PERSON } from './preview-kit.js';
import type { UserImportHookInput, UserImportHookOutcome } from './user-import.inline-hook.js';

type Json = Record<string, unknown>;

export function sampleUserImportInput(): UserImportHookInput {
  return {
    application: { id: '0oaSamp1eCsvApp0g3', name: 'csv_import', label: 'Sample CSV directory', status: 'ACTIVE' },
    job: { id: `ij1${randomBase62(17)}` },
    appUserProfile: { userName: 'rjones', firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.login, externalId: 'emp-1042' },
    userProfile: { login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName, email: PERSON.login },
    userId: null, matches: [], conflicts: [], policy: ['EMAIL', 'FIRST_AND_LAST_NAME'], defaultAction: 'CREATE_USER',
  };
}

/** Okta's own decision for the request: its default action and the user matching found. */
export function importDefaults(payload: Json): { action: 'CREATE_USER' | 'LINK_USER'; linkedUserId: string | null } {
  const data = dataOf(payload);
  const action = (data.action as { result?: unknown } | undefined)?.result === 'LINK_USER' ? 'LINK_USER' : 'CREATE_USER';
  const linkedUserId = isObject(data.user) && typeof data.user.id === 'string' ? data.user.id : null;
  return { action, linkedUserId };
}

/** The call's outcome and the action the import takes, in an admin's words. */
export function userImportPreviewDecision(
  outcome: Extract<UserImportHookOutcome, { called: true }>, taken: { action: 'CREATE_USER' | 'LINK_USER'; linkUserId: string | null },
  defaultAction: 'CREATE_USER' | 'LINK_USER',
): PreviewDecision {
  const { action, linkUserId } = taken;
  const what = action === 'CREATE_USER' ? 'Creates a new Okta user' : `Links the app user to the Okta user ${linkUserId ?? '(none named: the row fails)'}`;
  if (!outcome.ok) {
    const error = 'errorSummary' in outcome ? outcome.errorSummary : outcome.error;
    return {
      result: action, hook: 'errorSummary' in outcome ? 'ERROR' : 'FAILED', linkUserId, defaultAction, reason: error,
      summary: `Fails open: ${what.charAt(0).toLowerCase()}${what.slice(1)} (Okta's own decision), ${because(outcome.error)}.`,
    };
  }
  const { decision } = outcome;
  const changes = [
    ...(Object.keys(decision.appUserUpdates).length ? [`app user profile: ${Object.keys(decision.appUserUpdates).join(', ')}`] : []),
    ...(Object.keys(decision.userUpdates).length ? [`Okta profile: ${Object.keys(decision.userUpdates).join(', ')}`] : []),
  ];
  return {
    result: action, hook: 'SUCCESS', linkUserId, defaultAction,
    appUserUpdates: decision.appUserUpdates, userUpdates: decision.userUpdates, commands: decision.commands,
    summary: `${what}${changes.length ? `, with changes to the ${changes.join('; ')}` : ''}.`,
  };
}
