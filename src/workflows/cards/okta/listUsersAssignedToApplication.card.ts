import { CardError, defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import {
  APP_USER_RECORD_TYPE, ALL_RECORDS_LIMIT, appUserRecord, applicationIdOf, deliverRecords, listAll, oktaCardExport, segment, withQuery,
} from './okta-connector.js';

/**
 * Okta connector List Users Assigned to Application: GET /api/v1/apps/{appId}/users (individual and group
 * assignments alike); the first 500 as Users, or each streamed to a helper flow as Record
 * (`Profile Properties`, `System Properties` with User ID, Scope, …), up to the Record Limit.
 */
export default defineCard({
  type: 'okta:listUsersAssignedToApplication',
  title: 'List Users Assigned to Application',
  description: 'List the users assigned to an application, individually or through a group.',
  kind: 'function',
  okta: oktaCardExport('listUsersAssignedToApplication'),
  inputs: [
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'First 500 Records' },
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
    { key: 'Limit', type: 'number', group: 'List Criteria', label: 'Record Limit' },
    { key: 'Flow', type: 'flo', group: 'Streaming' },
  ],
  outputs: [
    { key: 'Users', type: APP_USER_RECORD_TYPE, list: true, group: 'Result' },
    { key: 'Records Streamed', type: 'number', group: 'Result' },
  ],
  async run(ctx) {
    const text = textOf(ctx.input('resultSet', 'parameters'));
    const stream = text.startsWith('Stream');
    if (!stream && text !== '' && !text.startsWith('First')) throw new CardError(`Result Set '${text}' is not one this card offers`);
    const cap = stream ? ALL_RECORDS_LIMIT : 500;
    const asked = Number(ctx.input('Limit', 'List Criteria'));
    const limit = Number.isFinite(asked) && asked >= 1 ? Math.min(Math.floor(asked), cap) : cap;
    const path = withQuery(`/api/v1/apps/${segment(applicationIdOf(ctx))}/users`, { limit: Math.min(limit, 500) });
    const users = await listAll(ctx, path, limit);
    return { outputs: await deliverRecords(ctx, users.map(appUserRecord), stream ? 'stream' : 'list', 'Users') };
  },
});
