/**
 * The requests `tollgate hook check` sends for an inline hook type: the preview's samples (one per request
 * type), and edge cases derived from them (unicode names, a missing optional field, the largest profile).
 * Every case starts from `sampleHookRequest`, i.e. from the request builders the real flows use; an edge case
 * only changes values Okta itself may send differently.
 */
import type { AppContext } from '../../platform/context.js';
import { BASE_ATTRIBUTES } from '../../identity/schema/base-attributes.js';
import type { InlineHookTypeDefinition } from '../inline/hook-type.js';
import { SAMPLE_PERSON } from '../inline/preview-kit.js';
import { sampleHookRequest } from '../inline/preview.service.js';
import type { InlineHookRow } from '../inline/runner.js';

export interface CheckCase {
  name: string;
  description: string;
  payload: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Names outside Latin-1, combining marks, a right-to-left script and an astral-plane emoji. */
export const UNICODE_FIRST_NAME = 'Zoë Åsa-Nguyễn';
export const UNICODE_LAST_NAME = 'Łukasiewicz 渡辺 عائشة 🦊';
/** Where the schema sets no maxLength, the largest profile uses values of this length. */
export const LONG_VALUE_LENGTH = 1024;

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

function at(payload: Json, path: string[]): Json | undefined {
  let node: unknown = payload;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return isObject(node) ? node : undefined;
}

const emailOfLength = (n: number) => `${'r'.repeat(n - '@example.com'.length)}@example.com`;

/** The longest valid value of a base attribute (formats kept valid). */
function longest(name: string): string | undefined {
  const attr = BASE_ATTRIBUTES[name];
  if (!attr) return undefined;
  switch (attr.format) {
    case 'email': return emailOfLength(attr.maxLength ?? 100);
    case 'uri': return `https://example.com/${'p'.repeat(LONG_VALUE_LENGTH - 20)}`;
    case 'country-code': return 'US';
    case 'language-code': return 'en-US';
    case 'locale': return 'en_US';
    case 'timezone': return 'America/Argentina/ComodRivadavia';
    default: break;
  }
  if (name === 'login') return emailOfLength(attr.maxLength ?? 100);
  if (name === 'mobilePhone' || name === 'primaryPhone') return `+1${'5'.repeat((attr.maxLength ?? 100) - 2)}`;
  const length = attr.maxLength ?? LONG_VALUE_LENGTH;
  return 'Ä'.concat('x'.repeat(length - 1));
}

/** Every base attribute at its longest (a sign-up form, or an import, that carries the whole profile). */
function fullProfile(existing: Json): Json {
  const profile: Json = { ...existing };
  for (const name of Object.keys(BASE_ATTRIBUTES)) profile[name] = longest(name);
  return profile;
}

/** The profile objects of fixed shape (token, SAML, telephony context): their values at their longest, no new members. */
function lengthenInPlace(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lengthenInPlace);
  if (!isObject(value)) return value;
  const isProfile = typeof value.login === 'string';
  return Object.fromEntries(Object.entries(value).map(([k, v]) => {
    if (isProfile && typeof v === 'string') return [k, longest(k) ?? v];
    return [k, lengthenInPlace(v)];
  }));
}

/** Where a request type carries a whole profile (every attribute the form or import has), by path. */
const FULL_PROFILES: Partial<Record<string, string[]>> = {
  'com.okta.user.pre-registration|self.service.registration': ['data', 'userProfile'],
  'com.okta.user.pre-registration|progressive.profile': ['data', 'userProfileUpdate'],
  'com.okta.import.transform|': ['data', 'user', 'profile'],
};

function largestProfile(type: string, sample: Json): Json {
  const payload = lengthenInPlace(structuredClone(sample)) as Json;
  const path = FULL_PROFILES[`${type}|${String(sample.requestType ?? '')}`];
  const target = path && at(payload, path.slice(0, -1));
  if (path && target) target[path[path.length - 1]] = fullProfile(isObject(target[path[path.length - 1]]) ? target[path[path.length - 1]] as Json : {});
  if (type === 'com.okta.import.transform') {
    const appUser = at(payload, ['data', 'appUser', 'profile']);
    if (appUser) for (const k of Object.keys(appUser)) if (typeof appUser[k] === 'string') appUser[k] = k === 'email' ? emailOfLength(100) : 'x'.repeat(LONG_VALUE_LENGTH);
  }
  if (type === 'com.okta.user.credential.password.import') {
    const credential = at(payload, ['data', 'context', 'credential']);
    if (credential) credential.username = emailOfLength(100);
  }
  return payload;
}

/** A member Okta leaves out in some real requests, per request type: [path, why]. */
const OPTIONAL_MEMBERS: Partial<Record<string, Array<[string[], string]>>> = {
  'com.okta.user.pre-registration|self.service.registration': [[['data', 'userProfile', 'lastName'], 'a sign-up form that does not ask for the last name']],
  'com.okta.user.pre-registration|progressive.profile': [
    [['data', 'context', 'user', 'profile', 'locale'], 'a user without a locale'],
    [['data', 'context', 'user', 'profile', 'timeZone'], 'a user without a time zone'],
  ],
  'com.okta.oauth2.tokens.transform|': [[['data', 'identity'], 'no ID token is minted (only an access token)']],
  'com.okta.import.transform|': [[['data', 'appUser', 'profile', 'email'], 'an import source without an email column']],
};

function withoutOptional(type: string, sample: Json): { payload: Json; why: string } | undefined {
  const members = OPTIONAL_MEMBERS[`${type}|${String(sample.requestType ?? '')}`];
  if (!members) return undefined;
  const payload = structuredClone(sample);
  for (const [path] of members) {
    const parent = at(payload, path.slice(0, -1));
    if (parent) delete parent[path[path.length - 1]];
  }
  return { payload, why: members.map(([path, why]) => `${path.join('.')} left out (${why})`).join('; ') };
}

/** The cases for a hook of the type `definition` declares, in a stable order. */
export async function inlineCheckCases(ctx: AppContext, definition: InlineHookTypeDefinition, hook: InlineHookRow): Promise<CheckCase[]> {
  const { type } = definition;
  const cases: CheckCase[] = [];
  const { requestTypes } = definition.preview;
  for (const requestType of requestTypes) {
    cases.push({
      name: requestType ? `sample:${requestType}` : 'sample',
      description: `The preview's sample request${requestType ? ` (${requestType})` : ''}`,
      payload: await sampleHookRequest(ctx, definition, hook, requestType),
    });
  }
  const base = await sampleHookRequest(ctx, definition, hook);
  const replaceNames = (s: string) => s.replaceAll(SAMPLE_PERSON.firstName, UNICODE_FIRST_NAME).replaceAll(SAMPLE_PERSON.lastName, UNICODE_LAST_NAME);
  cases.push({ name: 'unicode-names', description: `A person named "${UNICODE_FIRST_NAME} ${UNICODE_LAST_NAME}"`, payload: mapStrings(base, replaceNames) as Json });
  for (const requestType of requestTypes) {
    const sample = requestType === requestTypes[0] ? base : await sampleHookRequest(ctx, definition, hook, requestType);
    const missing = withoutOptional(type, sample);
    if (missing) cases.push({ name: `missing-optional${requestType && requestTypes.length > 1 ? `:${requestType}` : ''}`, description: missing.why, payload: missing.payload });
  }
  cases.push({
    name: 'largest-profile',
    description: `Every profile value at its longest (the schema's maxLength, ${LONG_VALUE_LENGTH} characters where it sets none)`,
    payload: largestProfile(type, base),
  });
  return cases;
}
