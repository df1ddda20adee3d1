import { defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { USER_RECORD_TYPE, criteriaOf, deliverRecords, listAll, oktaCardExport, recordLimit, resultSetOf, userRecord, withQuery } from './okta-connector.js';

/**
 * Okta connector List Users with Search: GET /api/v1/users?search=… built from the card's criteria
 * (each attribute input `eq` its value, and the Custom Search Criteria expression), first record,
 * first 200, or streamed one by one to a helper flow (`Record`, `State`).
 */
export default defineCard({
  type: 'okta:listUsersWithSearch',
  title: 'List Users with Search',
  description: 'Search users with an Okta search expression.',
  kind: 'function',
  okta: oktaCardExport('listUsersWithSearch'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First 200 Matching Records' },
    { key: 'status', type: 'string', group: 'Inputs', label: 'Status' },
    { key: 'Custom Search Criteria', type: 'string', group: 'Inputs' },
    { key: 'Limit', type: 'number', group: 'Search Criteria', label: 'Record Limit' },
    { key: 'sortBy', type: 'string', group: 'Sort', label: 'Sort By' },
    { key: 'sortOrder', type: 'string', group: 'Sort', label: 'Sort Order' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'Users', type: USER_RECORD_TYPE, list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'list');
    const limit = recordLimit(resultSet, ctx.input('Limit', 'Search Criteria'));
    const search = criteriaOf(ctx);
    const path = withQuery('/api/v1/users', {
      search,
      sortBy: textOf(ctx.input('sortBy', 'Sort')),
      sortOrder: search ? textOf(ctx.input('sortOrder', 'Sort')) : '',
      limit: Math.min(limit, 200),
    });
    const users = await listAll(ctx, path, limit);
    return { outputs: await deliverRecords(ctx, users.map(userRecord), resultSet, 'Users') };
  },
});
