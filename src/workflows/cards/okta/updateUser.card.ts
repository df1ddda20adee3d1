import { CardError, defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { oktaCall, oktaCardExport, requiredText, segment, userOutputs } from './okta-connector.js';
import { CREDENTIALS_TYPE, USER_SYSTEM_OUTPUTS } from './readUser.card.js';

/** The profile inputs of a new Update User card; flows add the org's others (custom ones too) by key. */
const PROFILE_INPUTS = [
  ['login', 'Username'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'Primary email'],
  ['secondEmail', 'Secondary email'],
  ['title', 'Title'],
  ['department', 'Department'],
  ['mobilePhone', 'Mobile phone'],
] as const;

/**
 * Okta connector Update User: the Profile inputs that hold a value become the profile sent to
 * POST /api/v1/users/{id} (partial update, Okta's default "POST" semantics) or PUT (replace the profile).
 * Empty inputs are left out, as Okta's card leaves them out.
 */
export default defineCard({
  type: 'okta:updateUser',
  title: 'Update User',
  description: "Update a user's profile attributes.",
  kind: 'function',
  okta: oktaCardExport('updateUser'),
  inputs: [
    { key: 'updateSemantics', type: 'string', group: 'parameters', label: 'Update Semantics', value: 'POST' },
    { key: 'ID', type: 'string', group: 'User' },
    ...PROFILE_INPUTS.map(([key, label]) => ({ key, type: 'string', group: 'Profile', label })),
  ],
  outputs: [
    ...USER_SYSTEM_OUTPUTS.map((key) => ({ key, type: 'string', group: 'System Properties' })),
    { key: 'Credentials', type: CREDENTIALS_TYPE, group: 'System Properties' },
  ],
  async run(ctx) {
    const semantics = (textOf(ctx.input('updateSemantics', 'parameters')).trim() || 'POST').toUpperCase();
    if (semantics !== 'POST' && semantics !== 'PUT') throw new CardError(`Update Semantics '${semantics}' must be POST or PUT`);
    const id = requiredText(ctx, 'ID', 'User');
    const profile: Record<string, unknown> = {};
    for (const { field, value } of ctx.inputs) {
      if (field.group !== 'Profile' || value === null || value === '') continue;
      profile[field.key] = value;
    }
    const response = await oktaCall(ctx, semantics, `/api/v1/users/${segment(id)}`, { profile });
    return { outputs: userOutputs(ctx, response.body) };
  },
});
