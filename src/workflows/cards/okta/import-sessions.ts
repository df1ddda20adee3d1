import { CardError, type CardFieldSpec, type CardRunContext } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { outputsBy, requiredText, segment } from './okta-connector.js';

/*
 * What the Okta connector's import session cards (Anything-as-a-Source) share: the Custom Identity Source
 * app chosen in the Application option (or typed in its ID input), and the session as the cards output it.
 */

/** The Application option's value when the app id is typed into the `Application.ID` input instead. */
export const ENTER_APPLICATION_ID = '-- Enter Application ID --';

/** The Application option and its ID input, as Okta's export writes them. */
export const APPLICATION_INPUTS: CardFieldSpec[] = [
  { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: ENTER_APPLICATION_ID },
  { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
];

/** The Session ID input of the cards that work on a session. */
export const SESSION_ID_INPUT: CardFieldSpec = { key: 'sessionId', type: 'string', group: 'Application', label: 'Session ID' };

const TEXT = { type: 'string', collection: false };

/** One session (IdentitySourceSession) as the cards output it. */
export const SESSION_TYPE = {
  id: { ...TEXT, displayname: 'ID' },
  identitySourceId: { ...TEXT, displayname: 'Application ID' },
  status: { ...TEXT, displayname: 'Status' },
  importType: { ...TEXT, displayname: 'Import Type' },
};

/** The session outputs of Create an Import Session and Trigger Import Session. */
export const SESSION_OUTPUTS: CardFieldSpec[] = [
  { key: 'id', type: 'string', group: 'Session', label: 'ID' },
  { key: 'identitySourceId', type: 'string', group: 'Session', label: 'Application ID' },
  { key: 'status', type: 'string', group: 'Session', label: 'Status' },
  { key: 'importType', type: 'string', group: 'Session', label: 'Import Type' },
];

/** The identity source (app) id: the Application option's value, or its ID input when the option says to enter it. */
export function identitySourceIdOf(ctx: Pick<CardRunContext, 'input'>): string {
  const chosen = textOf(ctx.input('application', 'parameters')).trim();
  if (chosen !== '' && chosen !== ENTER_APPLICATION_ID) return chosen;
  return requiredText(ctx, 'applicationID', 'Application', 'Application ID');
}

/** `/api/v1/identity-sources/{id}/sessions`, and a session under it. */
export function sessionsPath(sourceId: string, sessionId?: string): string {
  const base = `/api/v1/identity-sources/${segment(sourceId)}/sessions`;
  return sessionId === undefined ? base : `${base}/${segment(sessionId)}`;
}

/** A session's members by their keys (missing ones null). */
export function sessionRecord(session: unknown): Record<string, unknown> {
  if (!isPlainObject(session)) throw new CardError('Okta answered without a session');
  return Object.fromEntries(Object.keys(SESSION_TYPE).map((key) => [key, session[key] ?? null]));
}

/** The Session outputs for a session answered by the API. */
export function sessionOutputs(ctx: Pick<CardRunContext, 'outputFields'>, session: unknown): Record<string, unknown> {
  const record = sessionRecord(session);
  return outputsBy(ctx, (field) => (Object.hasOwn(record, field.key) ? record[field.key] : undefined));
}

/**
 * One user of an import, as Okta's cards type it: the source's external id and the profile. Map Profile
 * Source Attributes gives a list of these; Bulk User Import takes one.
 */
export const IMPORT_USER_TYPE = {
  externalId: { ...TEXT, displayname: 'External ID' },
  profile: {
    type: {
      userName: { ...TEXT, displayname: 'Username' },
      firstName: { ...TEXT, displayname: 'First Name' },
      lastName: { ...TEXT, displayname: 'Last Name' },
      email: { ...TEXT, displayname: 'Email' },
      secondEmail: { ...TEXT, displayname: 'Second Email' },
      mobilePhone: { ...TEXT, displayname: 'Mobile Phone' },
    },
    collection: false,
    displayname: 'Profile',
  },
};
