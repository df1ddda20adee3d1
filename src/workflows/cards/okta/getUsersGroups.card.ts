import { defineCard } from '../../engine/card.js';
import {
  GROUP_RECORD_TYPE, deliverRecords, groupRecord, listAll, oktaCardExport, recordLimit, requiredText, resultSetOf, segment, withQuery,
} from './okta-connector.js';

/** Okta connector Get User's Groups: GET /api/v1/users/{id}/groups; the first 200 as Groups, or streamed. */
export default defineCard({
  type: 'okta:getUsersGroups',
  title: "Get User's Groups",
  description: 'List the groups a user is a member of.',
  kind: 'function',
  okta: oktaCardExport('getUsersGroups'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First 200 Records' },
    { key: 'ID', type: 'string', group: 'User' },
    { key: 'Limit', type: 'number', group: 'List Criteria', label: 'Record Limit' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'Groups', type: GROUP_RECORD_TYPE, list: true, group: 'Output' },
    { key: 'Records Streamed', type: 'number', group: 'Output' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'list');
    const limit = recordLimit(resultSet, ctx.input('Limit', 'List Criteria'));
    const id = requiredText(ctx, 'ID', 'User');
    const groups = await listAll(ctx, withQuery(`/api/v1/users/${segment(id)}/groups`, { limit: Math.min(limit, 200) }), limit);
    return { outputs: await deliverRecords(ctx, groups.map(groupRecord), resultSet, 'Groups') };
  },
});
