import { CardError, defineCard } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText } from './okta-connector.js';
import { APPLICATION_INPUTS, IMPORT_USER_TYPE as USER_TYPE, SESSION_ID_INPUT, identitySourceIdOf, sessionsPath } from './import-sessions.js';

/** Okta's API takes 200 profiles per bulk request; the card sends pages of 200, at most 10,000 users a session. */
const PAGE = 200;
const MAX_USERS = 10_000;

/**
 * Okta connector Bulk User Import: uploads the Users into an open import session, by pages of 200:
 * "Create & Update" (`upsert`) → POST …/bulk-upsert with each user's externalId and profile;
 * "Deactivate & Delete" (`delete`) → POST …/bulk-delete with each user's externalId.
 * Outputs how many users it uploaded.
 */
export default defineCard({
  type: 'okta:bulkUserImport',
  title: 'Bulk User Import',
  description: 'Upload users to create, update or deactivate into an import session.',
  kind: 'function',
  okta: oktaCardExport('bulkUserImport'),
  inputs: [
    SESSION_ID_INPUT,
    APPLICATION_INPUTS[0],
    { key: 'importOperation', type: 'string', group: 'parameters', label: 'Import Operation', value: 'upsert' },
    APPLICATION_INPUTS[1],
    { key: 'Users', type: USER_TYPE, list: true, group: 'Data' },
  ],
  outputs: [{ key: 'recordsImported', type: 'number', group: 'Response', label: 'Records Imported' }],
  async run(ctx) {
    const sessionId = requiredText(ctx, 'sessionId', 'Application', 'Session ID');
    const sourceId = identitySourceIdOf(ctx);
    const operation = textOf(ctx.input('importOperation', 'parameters')).trim() || 'upsert';
    if (operation !== 'upsert' && operation !== 'delete') throw new CardError(`Import Operation '${operation}' is not one this card offers (upsert or delete)`);
    const given = ctx.input('Users', 'Data');
    const users = given === null || given === undefined ? [] : Array.isArray(given) ? given : [given];
    if (users.length > MAX_USERS) throw new CardError(`At most ${MAX_USERS} users can be imported in one session; the list has ${users.length}`);
    const profiles = users.map((user, index) => {
      if (!isPlainObject(user)) throw new CardError(`Users[${index}] is not an object with externalId and profile`);
      return operation === 'upsert' ? { externalId: user.externalId, profile: user.profile } : { externalId: user.externalId };
    });
    const path = `${sessionsPath(sourceId, sessionId)}/${operation === 'upsert' ? 'bulk-upsert' : 'bulk-delete'}`;
    for (let start = 0; start < profiles.length; start += PAGE) {
      await oktaCall(ctx, 'POST', path, { entityType: 'USERS', profiles: profiles.slice(start, start + PAGE) });
    }
    return { outputs: outputsBy(ctx, (field) => (field.key === 'recordsImported' ? profiles.length : undefined)) };
  },
});
