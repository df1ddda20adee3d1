import { defineCard } from '../../engine/card.js';
import { deliverRecords, listAll, oktaCardExport, optionalText, recordLimit, resultSetOf, userRecord, withQuery } from './okta-connector.js';

/**
 * Okta connector Search Users: GET /api/v1/users?q=… (Okta's starts-with lookup on first name,
 * last name and email); the first match's values, or all matches as Users.
 */
export default defineCard({
  type: 'okta:searchUsers',
  title: 'Search Users',
  description: 'Find users whose first name, last name or email starts with the query.',
  kind: 'function',
  okta: oktaCardExport('searchUsers'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First Matching Record' },
    { key: 'Query', type: 'string', group: 'Inputs' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Result' },
    { key: 'Status', type: 'string', group: 'Result' },
    { key: 'Login', type: 'string', group: 'Result' },
    { key: 'Email', type: 'string', group: 'Result' },
    { key: 'Raw Output', type: 'object', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'first');
    const limit = recordLimit(resultSet, null);
    const users = await listAll(ctx, withQuery('/api/v1/users', { q: optionalText(ctx, 'Query', 'Inputs'), limit: Math.min(limit, 200) }), limit);
    return { outputs: await deliverRecords(ctx, users.map(userRecord), resultSet, 'Users') };
  },
});
