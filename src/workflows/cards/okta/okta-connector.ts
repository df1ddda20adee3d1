import { CardError, type CardRunContext } from '../../engine/card.js';
import type { OktaApiResponse } from '../../engine/services/okta.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import type { Field } from '../../model/flow.schema.js';

/*
 * What the Okta connector's action cards share: the address Okta's export gives each card, the call
 * through `ctx.services.okta` (this org's own /api/v1), Okta's errors as card errors, paging, and
 * the flattened shapes the cards output (users, groups, log events) under Okta's output names.
 */

/** The newest connector version the real exports carry for each card (the registry test checks them). */
const VERSIONS: Record<string, string> = {
  hTTPRequest: '1.0.712',
  readUser: '1.0.712',
  listUsersWithSearch: '1.0.712',
  addNewUserToGroup: '1.0.712',
  updateUser: '1.0.501',
  searchGroups: '1.0.712',
  createUser: '1.0.683',
  removeUserFromGroup: '1.0.679',
  getUsersGroups: '1.0.712',
  clearUserSessions: '1.0.679',
  searchUsers: '1.0.683',
  listUsersWithFilter: '1.0.605',
  suspendUser: '1.0.690',
  unsuspendUser: '1.0.690',
  listGroupMembers: '1.0.687',
  readGroup: '1.0.626',
  activateUser: '1.0.544',
  deactivateUser: '1.0.677',
  deleteUser: '1.0.677',
  createGroup: '1.0.712',
  updateGroup: '1.0.501',
  resetPassword: '1.0.690',
  searchSystemLogs: '1.0.685',
  bulkUserImport: '1.0.677',
  createAnImportSession: '1.0.677',
  deleteImportSession: '1.0.677',
  listImportSessions: '1.0.677',
  triggerImportSession: '1.0.677',
  mapProfileSourceAttributes: '1.0.677',
  searchApplications: '1.0.677',
  readApplication: '1.0.677',
  removeUserFromApplication: '1.0.624',
  assignGroupToApplication: '1.0.712',
  listUsersAssignedToApplication: '1.0.626',
  listGroupsAssignedToApplication: '1.0.626',
  getAssignedUserForApplication: '1.0.301',
  assignUserToApplicationForSSO: '1.0.289',
};

/** How Okta's export writes an Okta connector action card (30 s, as all connector actions). */
export function oktaCardExport(key: string): { address: string; timeout: number } {
  const version = VERSIONS[key];
  if (!version) throw new Error(`no Okta connector version is known for '${key}'`);
  return { address: `root:channels:http:okta:${version}:${key}`, timeout: 30000 };
}

type OktaCardContext = Pick<CardRunContext, 'services' | 'signal'>;

/** A call to this org's API; Okta's error answers (4xx, 5xx) fail the card as Okta's connector does. */
export async function oktaCall(ctx: OktaCardContext, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<OktaApiResponse> {
  const response = await oktaSend(ctx, method, path, body, headers);
  if (response.statusCode >= 400) throw oktaCardError(response);
  return response;
}

/** The same call, answering whatever the API answered (Custom API Action decides itself). */
export async function oktaSend(ctx: OktaCardContext, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<OktaApiResponse> {
  const okta = ctx.services.okta;
  if (!okta) throw new CardError('the Okta connector has no connection here: Okta cards run only in a flow run by the Tollgate server');
  return okta({ method, path, body, headers }, ctx.signal);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
};

/** Okta's error body as a card error: its summary (and causes), the HTTP status, the whole body as details. */
export function oktaCardError(response: OktaApiResponse): CardError {
  const body = response.body;
  const status = response.statusCode;
  let summary = STATUS_TEXT[status] ?? `HTTP ${status}`;
  const details: Record<string, unknown> = { statusCode: status };
  if (isPlainObject(body) && typeof body.errorSummary === 'string') {
    summary = body.errorSummary;
    const causes = Array.isArray(body.errorCauses)
      ? body.errorCauses.map((cause) => (isPlainObject(cause) ? textOf(cause.errorSummary) : '')).filter((text) => text !== '' && text !== summary)
      : [];
    if (causes.length > 0) summary = `${summary}: ${causes.join('; ')}`;
    Object.assign(details, { errorCode: body.errorCode, errorSummary: body.errorSummary, errorCauses: body.errorCauses ?? [] });
  } else if (body !== null) details.body = body;
  return new CardError(`${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd() + `: ${summary}`, { httpStatus: status, details });
}

/** `/api/v1/users/{id}`-style path segment. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** A path with its query (empty and missing values left out). */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A text input the card cannot do without. */
export function requiredText(ctx: Pick<CardRunContext, 'input'>, key: string, group?: string, label = key): string {
  const text = textOf(ctx.input(key, group)).trim();
  if (text === '') throw new CardError(`input '${label}' is required`);
  return text;
}

/** A text input, or undefined when nothing or empty text reached it. */
export function optionalText(ctx: Pick<CardRunContext, 'input'>, key: string, group?: string): string | undefined {
  const text = textOf(ctx.input(key, group)).trim();
  return text === '' ? undefined : text;
}

/** Okta answers lists as pages with a `Link: <…>; rel="next"` header; this follows it (path only). */
export function nextPagePath(response: OktaApiResponse): string | undefined {
  const link = response.headers.link;
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (!match) continue;
    const url = new URL(match[1], 'http://local');
    return url.pathname + url.search;
  }
  return undefined;
}

/** Okta's record limit for "All Matching Records" (more would not fit a card's output). */
export const ALL_RECORDS_LIMIT = 10000;

/** Every item of a list endpoint, page after page, up to `max` items. */
export async function listAll(ctx: OktaCardContext, path: string, max: number): Promise<unknown[]> {
  const items: unknown[] = [];
  let next: string | undefined = path;
  while (next && items.length < max) {
    const response = await oktaCall(ctx, 'GET', next);
    if (!Array.isArray(response.body)) break;
    items.push(...response.body);
    next = response.body.length === 0 ? undefined : nextPagePath(response);
  }
  return items.slice(0, max);
}

/** Values for the card's outputs: each output field gets `valueOf(field)`, when it is defined. */
export function outputsBy(ctx: Pick<CardRunContext, 'outputFields'>, valueOf: (field: Field) => unknown): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const field of ctx.outputFields) {
    const value = valueOf(field);
    if (value !== undefined) outputs[field.id] = value;
  }
  return outputs;
}

type Json = Record<string, unknown>;

function objectAt(value: unknown, key: string): Json {
  return isPlainObject(value) && isPlainObject(value[key]) ? value[key] : {};
}

function valueAt(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : null;
}

/** Okta's "Credentials" output of the user cards, from the user's `credentials`. */
export function userCredentials(user: unknown): Json {
  const credentials = objectAt(user, 'credentials');
  const provider = objectAt(credentials, 'provider');
  const recovery = objectAt(credentials, 'recovery_question');
  return {
    Emails: Array.isArray(credentials.emails) ? credentials.emails : [],
    Password: isPlainObject(credentials.password),
    'Recovery Question': typeof recovery.question === 'string' ? recovery.question : null,
    Provider: { Name: valueAt(provider, 'name'), Type: valueAt(provider, 'type') },
  };
}

/** A user's system properties under the names Okta's user cards output them. */
export function userSystemProperties(user: unknown): Json {
  return {
    ID: valueAt(user, 'id'),
    Status: valueAt(user, 'status'),
    Created: valueAt(user, 'created'),
    Activated: valueAt(user, 'activated'),
    'Status Changed': valueAt(user, 'statusChanged'),
    'Last Login': valueAt(user, 'lastLogin'),
    'Last Updated': valueAt(user, 'lastUpdated'),
    'Password Changed': valueAt(user, 'passwordChanged'),
    Credentials: userCredentials(user),
    'Realm ID': valueAt(user, 'realmId'),
  };
}

/**
 * Read User / Update User outputs: system properties by their Okta names, and every profile
 * attribute (base or custom) by its key in the "Profile Properties" group.
 */
export function userOutputs(ctx: Pick<CardRunContext, 'outputFields'>, user: unknown): Record<string, unknown> {
  const system = userSystemProperties(user);
  const profile = objectAt(user, 'profile');
  return outputsBy(ctx, (field) => {
    if (field.group === 'Profile Properties' || field.group === 'Profile') return Object.hasOwn(profile, field.key) ? profile[field.key] : null;
    if (Object.hasOwn(system, field.key)) return system[field.key];
    if (field.key === 'Raw Output' || field.key === 'Raw Body' || field.key === 'Raw Object') return user;
    return undefined;
  });
}

/** One user as the list and search cards give it (the "Users" items, and each streamed Record). */
export function userRecord(user: unknown): Json {
  const profile = objectAt(user, 'profile');
  const system = userSystemProperties(user);
  return {
    'Raw Output': user,
    ID: system.ID,
    Status: system.Status,
    Created: system.Created,
    Activated: system.Activated,
    'Status Changed': system['Status Changed'],
    'Last Login': system['Last Login'],
    'Last Updated': system['Last Updated'],
    'Password Changed': system['Password Changed'],
    'First Name': profile.firstName ?? null,
    'Last Name': profile.lastName ?? null,
    'Mobile Phone': profile.mobilePhone ?? null,
    'Second Email': profile.secondEmail ?? null,
    Login: profile.login ?? null,
    Email: profile.email ?? null,
    'Realm ID': system['Realm ID'],
  };
}

/** One group as the group cards give it (both shapes Okta's card versions use: flat and `Profile`). */
export function groupRecord(group: unknown): Json {
  const profile = objectAt(group, 'profile');
  return {
    ID: valueAt(group, 'id'),
    Name: profile.name ?? null,
    Description: profile.description ?? null,
    Created: valueAt(group, 'created'),
    'Last Updated': valueAt(group, 'lastUpdated'),
    'Last Membership Updated': valueAt(group, 'lastMembershipUpdated'),
    'Object Class': valueAt(group, 'objectClass'),
    Type: valueAt(group, 'type'),
    Profile: { Name: profile.name ?? null, Description: profile.description ?? null },
    Links: valueAt(group, '_links'),
    'Raw Output': group,
    'Raw Object': group,
  };
}

/** Group card outputs: the record's values by key, custom profile attributes by their key. */
export function groupOutputs(ctx: Pick<CardRunContext, 'outputFields'>, group: unknown): Record<string, unknown> {
  const record = groupRecord(group);
  const profile = objectAt(group, 'profile');
  return outputsBy(ctx, (field) => {
    if (field.group === 'Custom Properties') return Object.hasOwn(profile, field.key) ? profile[field.key] : null;
    return Object.hasOwn(record, field.key) ? record[field.key] : undefined;
  });
}

/**
 * How a list card hands out what it found: `First Matching Record` → the first item's values on the
 * card's single-record outputs; lists (`First 200`, `All`) → the list output; `Stream` → each item
 * to the helper flow as `Record` (with the card's other Streaming inputs as `State`), and the count.
 */
export type ResultSet = 'first' | 'list' | 'all' | 'stream';

export function resultSetOf(ctx: Pick<CardRunContext, 'input'>, fallback: ResultSet): ResultSet {
  const text = textOf(ctx.input('resultSet', 'parameters'));
  if (text === '') return fallback;
  if (text.startsWith('First Matching')) return 'first';
  if (text.startsWith('First 200')) return 'list';
  if (text.startsWith('All')) return 'all';
  if (text.startsWith('Stream')) return 'stream';
  throw new CardError(`Result Set '${text}' is not one this card offers`);
}

/** Streams records to the card's helper flow, one after another; a failing record does not stop the rest (Okta's streaming). */
export async function streamRecords(ctx: Pick<CardRunContext, 'inputs' | 'flows'>, records: readonly unknown[]): Promise<number> {
  const flowInput = ctx.inputs.find(({ field }) => field.group === 'Streaming' && field.type === 'flo');
  const nested = flowInput?.field.flow;
  const flowId = textOf(flowInput?.value).trim();
  if (!nested && flowId === '') throw new CardError('Stream needs a helper flow chosen in its Flow input');
  const state: Json = {};
  for (const { field, value } of ctx.inputs) if (field.group === 'Streaming' && field.type !== 'flo') state[field.key] = value;
  const flow = nested ? { graph: nested } : { flowId };
  for (const [index, record] of records.entries()) {
    await ctx.flows.run(flow, { inputs: { Record: record, State: state }, index });
  }
  return records.length;
}

/** The card's outputs for the records found, by result set (see `ResultSet`). */
export async function deliverRecords(
  ctx: Pick<CardRunContext, 'inputs' | 'flows' | 'outputFields'>,
  records: readonly Json[],
  resultSet: ResultSet,
  listKey: string,
): Promise<Record<string, unknown>> {
  if (resultSet === 'stream') {
    const count = await streamRecords(ctx, records);
    return outputsBy(ctx, (field) => (field.key === 'Records Streamed' ? count : undefined));
  }
  if (resultSet === 'first') {
    const first = records[0];
    return outputsBy(ctx, (field) => (first && Object.hasOwn(first, field.key) ? first[field.key] : null));
  }
  return outputsBy(ctx, (field) => (field.key === listKey ? records : undefined));
}

/** How many records to ask for, by result set and the card's Record Limit (if any). */
export function recordLimit(resultSet: ResultSet, limitInput: unknown): number {
  const limit = Number(limitInput);
  const cap = resultSet === 'first' ? 1 : resultSet === 'list' ? 200 : ALL_RECORDS_LIMIT;
  return Number.isFinite(limit) && limit >= 1 ? Math.min(Math.floor(limit), cap) : cap;
}

/** `key eq "value"` for Okta's search and filter expressions (quotes and backslashes escaped). */
export function equals(key: string, value: string): string {
  return `${key} eq "${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Conditions from the card's `Inputs` group (each attribute = its value), plus custom criteria, joined by `and`. */
export function criteriaOf(ctx: Pick<CardRunContext, 'inputs'>, customKey = 'Custom Search Criteria', skip: readonly string[] = []): string {
  const parts: string[] = [];
  let custom = '';
  for (const { field, value } of ctx.inputs) {
    if (field.group !== 'Inputs' || skip.includes(field.key)) continue;
    const text = textOf(value).trim();
    if (text === '') continue;
    if (field.key === customKey) custom = text;
    else parts.push(equals(field.key, text));
  }
  if (custom !== '') parts.push(parts.length > 0 ? `(${custom})` : custom);
  return parts.join(' and ');
}

const TEXT = { type: 'string', collection: false };

/** One user in the user list cards' "Users" output (and each streamed Record). */
export const USER_RECORD_TYPE = {
  'Raw Output': { type: 'object', collection: false },
  ID: TEXT,
  Status: TEXT,
  Created: TEXT,
  Activated: TEXT,
  'Status Changed': TEXT,
  'Last Login': TEXT,
  'Last Updated': TEXT,
  'Password Changed': TEXT,
  'First Name': TEXT,
  'Last Name': TEXT,
  'Mobile Phone': TEXT,
  'Second Email': TEXT,
  Login: TEXT,
  Email: TEXT,
};


/** One group in the group list cards' "Groups" output. */
export const GROUP_RECORD_TYPE = {
  ID: TEXT,
  Created: TEXT,
  'Last Updated': TEXT,
  'Last Membership Updated': TEXT,
  'Object Class': { type: 'string', collection: true },
  Type: TEXT,
  Profile: { type: { Name: TEXT, Description: TEXT }, collection: false },
};

/** A group's profile as the group cards output it. */
export const GROUP_PROFILE_TYPE = { Name: TEXT, Description: TEXT };

/*
 * Application cards. Okta's application cards choose the app in their `Application` parameter: an app id
 * (older exports), or "-- Enter Application ID --" with the id in the `Application.applicationID` input.
 */

/** The app id an application card works on: its `Application.applicationID` input, else its `application` parameter. */
export function applicationIdOf(ctx: Pick<CardRunContext, 'input'>): string {
  const input = optionalText(ctx, 'applicationID', 'Application');
  if (input !== undefined) return input;
  const parameter = optionalText(ctx, 'application', 'parameters');
  if (parameter !== undefined && !parameter.startsWith('--')) return parameter;
  throw new CardError("input 'Application ID' is required");
}

/** One app as the application cards output it (`Result` of Search Applications, `Application` of Read Application). */
export function applicationRecord(app: unknown): Json {
  return {
    ID: valueAt(app, 'id'),
    Name: valueAt(app, 'name'),
    Label: valueAt(app, 'label'),
    Status: valueAt(app, 'status'),
    'Sign On Mode': valueAt(app, 'signOnMode'),
    Created: valueAt(app, 'created'),
    'Last Updated': valueAt(app, 'lastUpdated'),
    Features: valueAt(app, 'features'),
    Settings: valueAt(app, 'settings'),
    Credentials: valueAt(app, 'credentials'),
    Accessibility: valueAt(app, 'accessibility'),
    Visibility: valueAt(app, 'visibility'),
    Profile: valueAt(app, 'profile'),
    Links: valueAt(app, '_links'),
    'Raw Output': app,
  };
}

/** An app user's system properties under the names Okta's application user cards output them. */
export function appUserSystemProperties(appUser: unknown): Json {
  const credentials = objectAt(appUser, 'credentials');
  return {
    'User ID': valueAt(appUser, 'id'),
    'External ID': valueAt(appUser, 'externalId'),
    Created: valueAt(appUser, 'created'),
    'Last Updated': valueAt(appUser, 'lastUpdated'),
    Scope: valueAt(appUser, 'scope'),
    Status: valueAt(appUser, 'status'),
    'Status Changed': valueAt(appUser, 'statusChanged'),
    'Password Changed': valueAt(appUser, 'passwordChanged'),
    'Sync State': valueAt(appUser, 'syncState'),
    'Last Sync': valueAt(appUser, 'lastSync'),
    Credentials: { Username: credentials.userName ?? null, Password: isPlainObject(credentials.password) },
  };
}

/** One app user in List Users Assigned to Application's "Users" (and each streamed Record). */
export function appUserRecord(appUser: unknown): Json {
  return { 'Profile Properties': objectAt(appUser, 'profile'), 'System Properties': appUserSystemProperties(appUser) };
}

/** Get Assigned User / Assign User outputs: `System Properties` by Okta name, app profile attributes by key. */
export function appUserOutputs(ctx: Pick<CardRunContext, 'outputFields'>, appUser: unknown): Record<string, unknown> {
  const system = appUserSystemProperties(appUser);
  const profile = objectAt(appUser, 'profile');
  return outputsBy(ctx, (field) => {
    if (field.group === 'Profile Properties') return Object.hasOwn(profile, field.key) ? profile[field.key] : null;
    if (field.group === 'System Properties' && Object.hasOwn(system, field.key)) return system[field.key];
    if (field.key === 'Raw Output') return appUser;
    return undefined;
  });
}

/** One application group assignment as the application group cards output it. */
export function appGroupRecord(assignment: unknown): Json {
  return {
    ID: valueAt(assignment, 'id'),
    'Last Updated': valueAt(assignment, 'lastUpdated'),
    Priority: valueAt(assignment, 'priority'),
    Links: valueAt(assignment, '_links'),
    Profile: valueAt(assignment, 'profile'),
  };
}

/** One app in Search Applications' "Applications" list. */
export const APPLICATION_RECORD_TYPE = {
  ID: TEXT,
  Name: TEXT,
  Label: TEXT,
  Status: TEXT,
  'Sign On Mode': TEXT,
  Features: { type: 'string', collection: true },
  Settings: { type: 'object', collection: false },
};

/** An app user's system properties as the application user cards type them. */
export const APP_USER_SYSTEM_TYPE = {
  'User ID': TEXT,
  'External ID': TEXT,
  Created: TEXT,
  'Last Updated': TEXT,
  Scope: TEXT,
  Status: TEXT,
  'Status Changed': TEXT,
  'Password Changed': TEXT,
  'Sync State': TEXT,
  'Last Sync': TEXT,
  Credentials: { type: { Username: TEXT, Password: { type: 'boolean', collection: false } }, collection: false },
};

/** One app user in List Users Assigned to Application's "Users". */
export const APP_USER_RECORD_TYPE = {
  'Profile Properties': { type: 'object', collection: false },
  'System Properties': { type: APP_USER_SYSTEM_TYPE, collection: false },
};

/** One group assignment in List Groups Assigned to Application's "Groups". */
export const APP_GROUP_RECORD_TYPE = {
  ID: TEXT,
  'Last Updated': { type: 'Date', collection: false },
  Priority: { type: 'number', collection: false },
  Links: { type: 'object', collection: false },
  Profile: { type: 'object', collection: false },
};
