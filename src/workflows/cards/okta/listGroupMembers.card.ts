import { defineCard } from '../../engine/card.js';
import {
  USER_RECORD_TYPE, deliverRecords, listAll, oktaCardExport, recordLimit, requiredText, resultSetOf, segment, userRecord, withQuery,
} from './okta-connector.js';

/** Okta connector List Group Members: GET /api/v1/groups/{groupId}/users; the first 200 as Users, or streamed. */
export default defineCard({
  type: 'okta:listGroupMembers',
  title: 'List Group Members',
  description: 'List the users who are members of a group.',
  kind: 'function',
  okta: oktaCardExport('listGroupMembers'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First 200 Records' },
    { key: 'groupId', type: 'string', group: 'Group', label: 'Group ID' },
    { key: 'Limit', type: 'number', group: 'List Criteria', label: 'Record Limit' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'Users', type: USER_RECORD_TYPE, list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'list');
    const limit = recordLimit(resultSet, ctx.input('Limit', 'List Criteria'));
    const groupId = requiredText(ctx, 'groupId', 'Group', 'Group ID');
    const users = await listAll(ctx, withQuery(`/api/v1/groups/${segment(groupId)}/users`, { limit: Math.min(limit, 200) }), limit);
    return { outputs: await deliverRecords(ctx, users.map(userRecord), resultSet, 'Users') };
  },
});
