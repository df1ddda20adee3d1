import { defineCard } from '../../engine/card.js';
import { USER_RECORD_TYPE, criteriaOf, deliverRecords, listAll, oktaCardExport, recordLimit, resultSetOf, userRecord, withQuery } from './okta-connector.js';

/**
 * Okta connector List Users with Filter: GET /api/v1/users?filter=… (each filter input `eq` its
 * value: status, id, …), first record, all, or streamed to a helper flow.
 */
export default defineCard({
  type: 'okta:listUsersWithFilter',
  title: 'List Users with Filter',
  description: 'List users that match a filter on status, ID or other filterable attributes.',
  kind: 'function',
  okta: oktaCardExport('listUsersWithFilter'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First Matching Record' },
    { key: 'status', type: 'string', group: 'Inputs', label: 'Status' },
    { key: 'id', type: 'string', group: 'Inputs', label: 'Id' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'Raw Output', type: 'object', group: 'Result' },
    { key: 'Users', type: USER_RECORD_TYPE, list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'first');
    const limit = recordLimit(resultSet, null);
    const path = withQuery('/api/v1/users', { filter: criteriaOf(ctx), limit: Math.min(limit, 200) });
    const users = await listAll(ctx, path, limit);
    return { outputs: await deliverRecords(ctx, users.map(userRecord), resultSet, 'Users') };
  },
});
