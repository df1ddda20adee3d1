import { defineCard } from '../../engine/card.js';
import { booleanInput } from '../shared/inputs.js';
import { isPlainObject } from '../../engine/values/types.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText, segment, withQuery } from './okta-connector.js';

/**
 * Okta connector Delete User: the card deactivates the user first when needed (Okta's API deletes
 * only DEPROVISIONED users: a first DELETE deactivates), then deletes; the output is Okta's 204.
 */
export default defineCard({
  type: 'okta:deleteUser',
  title: 'Delete User',
  description: 'Deactivate (when needed) and delete a user.',
  kind: 'function',
  okta: oktaCardExport('deleteUser'),
  inputs: [
    { key: 'ID', type: 'string', group: 'User' },
    { key: 'Send Email?', type: 'boolean', group: 'User', value: false },
  ],
  outputs: [{ key: 'Status Code', type: 'number', group: 'Output' }],
  async run(ctx) {
    const id = requiredText(ctx, 'ID', 'User');
    const path = withQuery(`/api/v1/users/${segment(id)}`, { sendEmail: booleanInput(ctx, 'Send Email?', false) });
    const user = await oktaCall(ctx, 'GET', `/api/v1/users/${segment(id)}`);
    if (!isPlainObject(user.body) || user.body.status !== 'DEPROVISIONED') await oktaCall(ctx, 'DELETE', path);
    const response = await oktaCall(ctx, 'DELETE', path);
    return { outputs: outputsBy(ctx, (field) => (field.key === 'Status Code' ? response.statusCode : undefined)) };
  },
});
