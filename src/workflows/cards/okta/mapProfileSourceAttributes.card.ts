import { CardError, defineCard } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { oktaCall, oktaCardExport, outputsBy, segment } from './okta-connector.js';
import { APPLICATION_INPUTS, IMPORT_USER_TYPE as USER_TYPE, identitySourceIdOf } from './import-sessions.js';

/**
 * The identity source's own attributes (Okta's IdentitySourceUserProfileForUpsert). The source names the
 * username `userName`; the import maps it to the Okta user's `login`.
 */
const SOURCE_ATTRIBUTES = ['userName', 'firstName', 'lastName', 'email', 'secondEmail', 'mobilePhone', 'homeAddress'];

type Operation = 'UPSERT' | 'DELETE';

/** The Import Operation option: Okta's values (UPSERT, DELETE), its labels, or Bulk User Import's values. */
function operationOf(text: string): Operation {
  const value = text.trim();
  if (value === '' || value === 'UPSERT' || value === 'upsert' || value === 'Create & Update') return 'UPSERT';
  if (value === 'DELETE' || value === 'delete' || value === 'Deactivate & Delete') return 'DELETE';
  throw new CardError(`Import Operation '${value}' is not one this card offers (UPSERT or DELETE)`);
}

/**
 * The attributes a source record may carry into the session: the identity source's own, and every
 * attribute of this org's Okta user profile (Tollgate maps an identity source's attributes to the Okta
 * attribute of the same name; it keeps no other per-app profile mapping). `login` is left to `userName`.
 */
async function mappedAttributes(ctx: Parameters<typeof oktaCall>[0]): Promise<Set<string>> {
  const names = new Set(SOURCE_ATTRIBUTES);
  const schema = (await oktaCall(ctx, 'GET', '/api/v1/meta/schemas/user/default')).body;
  const definitions = isPlainObject(schema) && isPlainObject(schema.definitions) ? schema.definitions : {};
  for (const part of ['base', 'custom']) {
    const definition = definitions[part];
    if (isPlainObject(definition) && isPlainObject(definition.properties)) for (const name of Object.keys(definition.properties)) names.add(name);
  }
  names.delete('login');
  return names;
}

/** A record's value as the Identity Sources API takes it: text, or null to clear; '' and missing are left out. */
function attributeValue(value: unknown, at: string): string | null | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new CardError(`${at}: an identity source's profile attributes can only be text`);
}

/**
 * Okta connector Map Profile Source Attributes ("Create an Okta formatted list of user profile objects for a
 * bulk import operation"): each source record of Import Data.Users becomes `{externalId, profile}` for Bulk
 * User Import. `externalId` is the record's value at External ID Key; `profile` holds the record's attributes
 * that the identity source maps to Okta (see `mappedAttributes`), others are left out. With "Deactivate &
 * Delete" (DELETE) each item is the `externalId` only. The Application must be a Custom Identity Source app.
 */
export default defineCard({
  type: 'okta:mapProfileSourceAttributes',
  title: 'Map Profile Source Attributes',
  description: 'Create an Okta formatted list of user profile objects for a bulk import operation.',
  kind: 'function',
  okta: oktaCardExport('mapProfileSourceAttributes'),
  inputs: [
    { key: 'externalIdKey', type: 'string', group: 'Import Data', label: 'External ID Key', value: 'id' },
    { key: 'users', type: 'object', list: true, group: 'Import Data', label: 'Users' },
    APPLICATION_INPUTS[0],
    { key: 'importOperation', type: 'string', group: 'parameters', label: 'Import Operation', value: 'UPSERT' },
    APPLICATION_INPUTS[1],
  ],
  outputs: [{ key: 'Users', type: USER_TYPE, list: true, group: 'Result' }],
  async run(ctx) {
    const sourceId = identitySourceIdOf(ctx);
    const operation = operationOf(textOf(ctx.input('importOperation', 'parameters')));
    const externalIdKey = textOf(ctx.input('externalIdKey', 'Import Data')).trim() || 'id';
    const given = ctx.input('users', 'Import Data');
    const records = given === null || given === undefined ? [] : Array.isArray(given) ? given : [given];

    // As Okta's Application option, which lists only Custom Identity Source apps.
    const app = (await oktaCall(ctx, 'GET', `/api/v1/apps/${segment(sourceId)}`)).body;
    if (!isPlainObject(app) || app.signOnMode !== 'CUSTOM_IDENTITY_SOURCE') {
      throw new CardError(`the application '${sourceId}' is not a Custom Identity Source app`);
    }
    const attributes = operation === 'UPSERT' ? await mappedAttributes(ctx) : new Set<string>();

    const users = records.map((record, index) => {
      const at = `Users[${index}]`;
      if (!isPlainObject(record)) throw new CardError(`${at} is not an object (a source record)`);
      const externalId = attributeValue(record[externalIdKey], `${at}.${externalIdKey}`);
      if (externalId === undefined || externalId === null || externalId.trim() === '') {
        throw new CardError(`${at} has no '${externalIdKey}' (the External ID Key)`);
      }
      if (operation === 'DELETE') return { externalId };
      const profile: Record<string, string | null> = {};
      for (const [name, value] of Object.entries(record)) {
        if (!attributes.has(name)) continue;
        const mapped = attributeValue(value, `${at}.${name}`);
        if (mapped !== undefined) profile[name] = mapped;
      }
      return { externalId, profile };
    });
    return { outputs: outputsBy(ctx, (field) => (field.key === 'Users' ? users : undefined)) };
  },
});
