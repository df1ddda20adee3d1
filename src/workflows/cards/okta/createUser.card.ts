import { defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { booleanInput } from '../shared/inputs.js';
import { oktaCall, oktaCardExport, optionalText, userCredentials, userSystemProperties } from './okta-connector.js';
import { CREDENTIALS_TYPE } from './readUser.card.js';

/** The profile inputs of a new Create User card; flows add the org's others (custom ones too) by key. */
const PROFILE_INPUTS = [
  ['login', 'Username'],
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'Primary email'],
] as const;

/**
 * Okta connector Create User: POST /api/v1/users?activate=… with the Profile inputs that hold a value
 * and, with the "with password" option, `credentials.password.value`. Outputs the new user's
 * system properties ("Activated" tells whether the user was activated) and the raw body.
 */
export default defineCard({
  type: 'okta:createUser',
  title: 'Create User',
  description: 'Create a user, with or without credentials, activated or staged.',
  kind: 'function',
  okta: oktaCardExport('createUser'),
  inputs: [
    { key: 'option', type: 'string', group: 'parameters', label: 'Option', value: 'getInputsnoCreds' },
    ...PROFILE_INPUTS.map(([key, label]) => ({ key, type: 'string', group: 'Profile', label })),
    { key: 'Password', type: 'string', group: 'Credentials' },
    { key: 'Activate', type: 'boolean', group: 'Activate', value: true },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Results' },
    { key: 'Status', type: 'string', group: 'Results' },
    { key: 'Created', type: 'Date', group: 'Results' },
    { key: 'Activated', type: 'boolean', group: 'Results' },
    { key: 'Status Changed', type: 'Date', group: 'Results' },
    { key: 'Last Login', type: 'Date', group: 'Results' },
    { key: 'Last Updated', type: 'Date', group: 'Results' },
    { key: 'Password Changed', type: 'Date', group: 'Results' },
    { key: 'Credentials', type: CREDENTIALS_TYPE, group: 'Results' },
    { key: 'Raw Body', type: 'object', group: 'Results' },
  ],
  async run(ctx) {
    const profile: Record<string, unknown> = {};
    for (const { field, value } of ctx.inputs) if (field.group === 'Profile' && value !== null && value !== '') profile[field.key] = value;
    const option = textOf(ctx.input('option', 'parameters'));
    const password = optionalText(ctx, 'Password', 'Credentials');
    const question = optionalText(ctx, 'Question', 'Credentials');
    const answer = optionalText(ctx, 'Answer', 'Credentials');
    const credentials: Record<string, unknown> = {};
    if (password !== undefined && option !== 'getInputsnoCreds') credentials.password = { value: password };
    if (question !== undefined && answer !== undefined) credentials.recovery_question = { question, answer };
    const activate = booleanInput(ctx, 'Activate', true);
    const body = Object.keys(credentials).length > 0 ? { profile, credentials } : { profile };
    const response = await oktaCall(ctx, 'POST', `/api/v1/users?activate=${activate}`, body);
    const user = response.body;
    const system = userSystemProperties(user);
    const values: Record<string, unknown> = { ...system, Activated: system.Activated !== null, Credentials: userCredentials(user), 'Raw Body': user };
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) if (Object.hasOwn(values, field.key)) outputs[field.id] = values[field.key];
    return { outputs };
  },
});
