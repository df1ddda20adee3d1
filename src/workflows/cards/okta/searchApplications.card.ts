import { defineCard } from '../../engine/card.js';
import {
  APPLICATION_RECORD_TYPE, applicationRecord, deliverRecords, listAll, oktaCardExport, optionalText, recordLimit, resultSetOf, withQuery,
} from './okta-connector.js';

/**
 * Okta connector Search Applications: GET /api/v1/apps?q=… (label or name starts with the Query; every app
 * without one). First record on the Result fields, the first 200 as Applications, or streamed to a helper flow.
 */
export default defineCard({
  type: 'okta:searchApplications',
  title: 'Search Applications',
  description: 'Search applications by the start of their name or label.',
  kind: 'function',
  okta: oktaCardExport('searchApplications'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First Matching Record' },
    { key: 'Query', type: 'string', group: 'Search' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Result' },
    { key: 'Name', type: 'string', group: 'Result' },
    { key: 'Label', type: 'string', group: 'Result' },
    { key: 'Status', type: 'string', group: 'Result' },
    { key: 'Sign On Mode', type: 'string', group: 'Result' },
    { key: 'Applications', type: APPLICATION_RECORD_TYPE, list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const resultSet = resultSetOf(ctx, 'first');
    const limit = recordLimit(resultSet, null);
    const q = optionalText(ctx, 'Query', 'Search');
    const apps = await listAll(ctx, withQuery('/api/v1/apps', { q, limit: Math.min(limit, 200) }), limit);
    return { outputs: await deliverRecords(ctx, apps.map(applicationRecord), resultSet, 'Applications') };
  },
});
