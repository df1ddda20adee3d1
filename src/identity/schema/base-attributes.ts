/**
 * Okta's `#base` user profile attributes, as a new org's default user schema serves them
 * (`GET /api/v1/meta/schemas/user/default`). Admins may only change a few things about them (see
 * BASE_OVERRIDABLE); they cannot be removed.
 */
import type { SchemaAttribute } from './user-schema.schema.js';

export type { SchemaAttribute };

const SELF_READ_WRITE = [{ principal: 'SELF', action: 'READ_WRITE' }];

function base(title: string, extra: Partial<SchemaAttribute> = {}): SchemaAttribute {
  return {
    title,
    type: 'string',
    mutability: 'READ_WRITE',
    scope: 'NONE',
    permissions: SELF_READ_WRITE,
    master: { type: 'PROFILE_MASTER' },
    ...extra,
  };
}

/** In Okta's order. */
export const BASE_ATTRIBUTES: Record<string, SchemaAttribute> = {
  login: base('Username', { required: true, minLength: 5, maxLength: 100, pattern: null }),
  firstName: base('First name', { required: true, minLength: 1, maxLength: 50 }),
  lastName: base('Last name', { required: true, minLength: 1, maxLength: 50 }),
  middleName: base('Middle name'),
  honorificPrefix: base('Honorific prefix'),
  honorificSuffix: base('Honorific suffix'),
  email: base('Primary email', { required: true, format: 'email' }),
  title: base('Title'),
  displayName: base('Display name'),
  nickName: base('Nickname'),
  profileUrl: base('Profile Url', { format: 'uri' }),
  secondEmail: base('Secondary email', { format: 'email' }),
  mobilePhone: base('Mobile phone', { maxLength: 100 }),
  primaryPhone: base('Primary phone', { maxLength: 100 }),
  streetAddress: base('Street address'),
  city: base('City'),
  state: base('State'),
  zipCode: base('Zip code'),
  countryCode: base('Country code', { format: 'country-code' }),
  postalAddress: base('Postal Address'),
  preferredLanguage: base('Preferred language', { format: 'language-code' }),
  locale: base('Locale', { format: 'locale' }),
  timezone: base('Time zone', { format: 'timezone' }),
  userType: base('User type'),
  employeeNumber: base('Employee number'),
  costCenter: base('Cost center'),
  organization: base('Organization'),
  division: base('Division'),
  department: base('Department'),
  managerId: base('ManagerId'),
  manager: base('Manager'),
};

/**
 * What an admin may change on a base attribute (Okta: permissions, title, the nullability of firstName
 * and lastName, the pattern of login).
 */
export const BASE_OVERRIDABLE: Record<string, readonly string[]> = Object.fromEntries(
  Object.keys(BASE_ATTRIBUTES).map((name) => [
    name,
    name === 'firstName' || name === 'lastName' ? ['title', 'permissions', 'required', 'master', 'description']
      : name === 'login' ? ['title', 'permissions', 'pattern', 'master', 'description']
        : ['title', 'permissions', 'master', 'description'],
  ]),
);
