import { defineCard } from '../../engine/card.js';
import {
  APP_GROUP_RECORD_TYPE, appGroupRecord, applicationIdOf, deliverRecords, listAll, oktaCardExport, recordLimit, resultSetOf, segment, withQuery,
} from './okta-connector.js';

/**
 * Okta connector List Groups Assigned to Application: GET /api/v1/apps/{appId}/groups; the first 200 as
 * Groups (ID, Last Updated, Priority, Links, Profile), or each streamed to a helper flow as Record.
 */
export default defineCard({
  type: 'okta:listGroupsAssignedToApplication',
  title: 'List Groups Assigned to Application',
  description: 'List the groups assigned to an application.',
  kind: 'function',
  okta: oktaCardExport('listGroupsAssignedToApplication'),
  inputs: [
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First 200 Records' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'Groups', type: APP_GROUP_RECORD_TYPE, list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'list');
    const limit = recordLimit(resultSet, null);
    const groups = await listAll(ctx, withQuery(`/api/v1/apps/${segment(applicationIdOf(ctx))}/groups`, { limit: Math.min(limit, 200) }), limit);
    return { outputs: await deliverRecords(ctx, groups.map(appGroupRecord), resultSet, 'Groups') };
  },
});
