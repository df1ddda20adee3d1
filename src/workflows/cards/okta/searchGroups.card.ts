import { defineCard } from '../../engine/card.js';
import {
  GROUP_PROFILE_TYPE, GROUP_RECORD_TYPE, criteriaOf, deliverRecords, groupRecord, listAll, oktaCardExport, optionalText, recordLimit, resultSetOf, withQuery,
} from './okta-connector.js';

/**
 * Okta connector Search Groups: with a Query, GET /api/v1/groups?q=… (name starts with); otherwise
 * GET /api/v1/groups?search=… from the attribute inputs (`profile.name`, `type`, … each `eq` its value)
 * and the Custom Search Criteria. First record, first 200 / all, or streamed to a helper flow.
 */
export default defineCard({
  type: 'okta:searchGroups',
  title: 'Search Groups',
  description: 'Search groups by name prefix or by a search expression.',
  kind: 'function',
  okta: oktaCardExport('searchGroups'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First Matching Record' },
    { key: 'Query', type: 'string', group: 'Inputs' },
    { key: 'profile.name', type: 'string', group: 'Inputs', label: 'Name' },
    { key: 'type', type: 'string', group: 'Inputs', label: 'Type' },
    { key: 'Custom Search Criteria', type: 'string', group: 'Inputs' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Result' },
    { key: 'Created', type: 'string', group: 'Result' },
    { key: 'Profile', type: GROUP_PROFILE_TYPE, group: 'Result' },
    { key: 'Raw Object', type: 'object', group: 'Result' },
    { key: 'Groups', type: GROUP_RECORD_TYPE, list: true, group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'first');
    const limit = recordLimit(resultSet, null);
    const q = optionalText(ctx, 'Query', 'Inputs');
    const query = q !== undefined ? { q, limit } : { search: criteriaOf(ctx, 'Custom Search Criteria', ['Query']), limit };
    const groups = await listAll(ctx, withQuery('/api/v1/groups', query), limit);
    return { outputs: await deliverRecords(ctx, groups.map(groupRecord), resultSet, 'Groups') };
  },
});
