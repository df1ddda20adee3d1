import { defineCard } from '../../engine/card.js';
import { oktaCall, oktaCardExport, requiredText, segment, userOutputs } from './okta-connector.js';

/** The profile attributes a new Read User card lists; flows add the org's others (custom ones too) by key. */
export const BASE_PROFILE_OUTPUTS = [
  ['login', 'Username'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['middleName', 'Middle name'],
  ['email', 'Primary email'],
  ['secondEmail', 'Secondary email'],
  ['title', 'Title'],
  ['displayName', 'Display name'],
  ['mobilePhone', 'Mobile phone'],
  ['primaryPhone', 'Primary phone'],
  ['streetAddress', 'Street address'],
  ['city', 'City'],
  ['state', 'State'],
  ['zipCode', 'Zip code'],
  ['countryCode', 'Country code'],
  ['department', 'Department'],
  ['manager', 'Manager'],
  ['managerId', 'ManagerId'],
  ['userType', 'User type'],
] as const;

export const USER_SYSTEM_OUTPUTS = ['ID', 'Status', 'Created', 'Activated', 'Status Changed', 'Last Login', 'Last Updated', 'Password Changed'] as const;

export const CREDENTIALS_TYPE = {
  Emails: { type: 'object', collection: true },
  Password: { type: 'boolean', collection: false },
  'Recovery Question': { type: 'string', collection: false },
  Provider: { type: { Name: { type: 'string', collection: false }, Type: { type: 'string', collection: false } }, collection: false },
};

/**
 * Okta connector Read User: one user by ID or login (GET /api/v1/users/{id}). System properties
 * come out by Okta's names, profile attributes by their keys; an unknown user fails the card with
 * Okta's 404 (E0000007).
 */
export default defineCard({
  type: 'okta:readUser',
  title: 'Read User',
  description: 'Read the properties of a user by ID or login.',
  kind: 'function',
  okta: oktaCardExport('readUser'),
  inputs: [{ key: 'ID or Login', type: 'string', group: 'User' }],
  outputs: [
    ...USER_SYSTEM_OUTPUTS.map((key) => ({ key, type: 'string', group: 'System Properties' })),
    { key: 'Credentials', type: CREDENTIALS_TYPE, group: 'System Properties' },
    ...BASE_PROFILE_OUTPUTS.map(([key, label]) => ({ key, type: 'string', group: 'Profile Properties', label })),
  ],
  async run(ctx) {
    const id = requiredText(ctx, 'ID or Login', 'User');
    const response = await oktaCall(ctx, 'GET', `/api/v1/users/${segment(id)}`);
    return { outputs: userOutputs(ctx, response.body) };
  },
});
