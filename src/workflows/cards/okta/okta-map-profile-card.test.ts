import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../../../../test/helpers/server.js';
import type { EngineServices, ExecutionResult } from '../../engine/index.js';
import { wire } from '../../engine/flow-test-kit.js';
import { fieldRef, importEnded, makeApp, newIdentitySource, oktaCard, runCards, startOktaServer, type Values } from './okta-test-kit.js';

/*
 * Okta connector Map Profile Source Attributes in flows run by the engine against a real server: its
 * Users output wired into Bulk User Import (as Okta's XaaS templates do) and an import session triggered;
 * the test checks the users through /api/v1/users, and the card's own refusals.
 */

let server: TestServer;
let services: EngineServices;
beforeAll(async () => {
  ({ server, services } = await startOktaServer());
  // A custom attribute of the Okta user profile: the source's attribute of that name maps to it.
  const schema = await server.api('POST', '/api/v1/meta/schemas/user/default', {
    definitions: { custom: { id: '#custom', type: 'object', properties: { workerId: { title: 'Worker ID', type: 'string' } } } },
  });
  expect(schema.status, JSON.stringify(schema.body)).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

let sourceCount = 0;
const newSource = () => newIdentitySource(server, `Map source ${++sourceCount}`);

async function openSession(sourceId: string): Promise<string> {
  const res = await server.api('POST', `/api/v1/identity-sources/${sourceId}/sessions`);
  expect(res.status).toBe(200);
  return res.body.id as string;
}

/** Map → Bulk User Import (its Users wired from Map's) → Trigger Import Session. */
async function mapAndImport(sourceId: string, records: unknown[], operation: string, externalIdKey = 'id'): Promise<{ result: ExecutionResult; sessionId: string }> {
  const sessionId = await openSession(sourceId);
  const map = oktaCard('okta:mapProfileSourceAttributes', {
    'parameters.application': sourceId, 'parameters.importOperation': operation, 'Import Data.externalIdKey': externalIdKey, 'Import Data.users': records,
  }, { id: 'map' });
  const common = { 'parameters.application': sourceId, 'Application.sessionId': sessionId };
  const upload = oktaCard('okta:bulkUserImport', { ...common, 'parameters.importOperation': operation === 'DELETE' ? 'delete' : 'upsert' }, { id: 'upload' });
  const trigger = oktaCard('okta:triggerImportSession', common, { id: 'trigger' });
  const result = await runCards(services, [map, upload, trigger], [wire(fieldRef('okta:mapProfileSourceAttributes', 'map', 'out', 'Result.Users'), fieldRef('okta:bulkUserImport', 'upload', 'in', 'Data.Users'))]);
  return { result, sessionId };
}

const workers = [
  { id: 'W-1', userName: 'ada@map.example.com', email: 'ada@map.example.com', firstName: 'Ada', lastName: 'Lovelace', workerId: 'W-1', costCenter: 42, title: '', favouriteColour: 'green', login: 'ignored@map.example.com' },
  { id: 'W-2', userName: 'alan@map.example.com', email: 'alan@map.example.com', firstName: 'Alan', lastName: 'Turing', workerId: 'W-2', mobilePhone: null },
];

describe('Okta connector Map Profile Source Attributes', () => {
  test("UPSERT: each record becomes {externalId, profile} with the attributes the source maps to Okta's profile; imported as such", async () => {
    const sourceId = await newSource();
    const { result, sessionId } = await mapAndImport(sourceId, workers, 'UPSERT');
    expect(result.error?.message ?? null).toBeNull();
    // External ID Key `id`; unknown attributes (favouriteColour), `login` and empty text are left out; numbers become text.
    expect(result.cards[1].outputs).toEqual({
      'Result.Users': [
        { externalId: 'W-1', profile: { userName: 'ada@map.example.com', email: 'ada@map.example.com', firstName: 'Ada', lastName: 'Lovelace', workerId: 'W-1', costCenter: '42' } },
        { externalId: 'W-2', profile: { userName: 'alan@map.example.com', email: 'alan@map.example.com', firstName: 'Alan', lastName: 'Turing', workerId: 'W-2', mobilePhone: null } },
      ],
    });
    expect(result.cards[2].outputs).toEqual({ 'Response.recordsImported': 2 });
    expect(await importEnded(server, sourceId, sessionId)).toBe('COMPLETED');
    const ada = await server.api('GET', '/api/v1/users/ada@map.example.com');
    expect(ada.body.profile).toMatchObject({ login: 'ada@map.example.com', firstName: 'Ada', lastName: 'Lovelace', workerId: 'W-1', costCenter: '42' });
    expect(ada.body.profile.favouriteColour).toBeUndefined();
    const appUser = await server.api('GET', `/api/v1/apps/${sourceId}/users/${ada.body.id}`);
    expect(appUser.body.profile.externalId).toBe('W-1');
  });

  test('DELETE: each record becomes {externalId} only (its External ID Key); the import deactivates the user', async () => {
    const sourceId = await newSource();
    const first = await mapAndImport(sourceId, [{ ...workers[0], id: undefined, employeeNumber: 'E-9', userName: 'grace@map.example.com', email: 'grace@map.example.com' }], 'UPSERT', 'employeeNumber');
    expect(first.result.error?.message ?? null).toBeNull();
    expect(await importEnded(server, sourceId, first.sessionId)).toBe('COMPLETED');
    expect((await server.api('GET', '/api/v1/users/grace@map.example.com')).body.status).toBe('PROVISIONED');

    const second = await mapAndImport(sourceId, [{ employeeNumber: 'E-9', firstName: 'Grace' }], 'DELETE', 'employeeNumber');
    expect(second.result.error?.message ?? null).toBeNull();
    expect(second.result.cards[1].outputs).toEqual({ 'Result.Users': [{ externalId: 'E-9' }] });
    expect(await importEnded(server, sourceId, second.sessionId)).toBe('COMPLETED');
    expect((await server.api('GET', '/api/v1/users/grace@map.example.com')).body.status).toBe('DEPROVISIONED');
  });

  test('refuses an app that is not a Custom Identity Source, an unknown app, a record without its external id, and non-text attributes', async () => {
    const bookmark = (await makeApp(server, { label: 'Intranet', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } })).id as string;
    const mapping = (values: Values) => runCards(services, [oktaCard('okta:mapProfileSourceAttributes', { 'Import Data.users': workers, ...values })]);

    const notSource = await mapping({ 'parameters.application': bookmark });
    expect(notSource.status).toBe('failed');
    expect(notSource.error?.message).toContain(`the application '${bookmark}' is not a Custom Identity Source app`);
    const unknown = await mapping({ 'parameters.application': '0oaNOSUCHAPP000000000' });
    expect(unknown.error?.message).toContain('404 Not Found');
    const none = await mapping({});
    expect(none.error?.message).toContain("input 'Application ID' is required");

    const sourceId = await newSource();
    // The Application option "-- Enter Application ID --" takes the ID input (older exports).
    const noId = await mapping({ 'Application.applicationID': sourceId, 'Import Data.externalIdKey': 'workerNumber' });
    expect(noId.error?.message).toContain("Users[0] has no 'workerNumber' (the External ID Key)");
    const nested = await mapping({ 'parameters.application': sourceId, 'Import Data.users': [{ id: 'W-3', firstName: { given: 'Ada' } }] });
    expect(nested.error?.message).toContain("Users[0].firstName: an identity source's profile attributes can only be text");
    const operation = await mapping({ 'parameters.application': sourceId, 'parameters.importOperation': 'PATCH' });
    expect(operation.error?.message).toContain("Import Operation 'PATCH' is not one this card offers");
    // Nothing reached the source.
    expect((await server.api('GET', `/api/v1/identity-sources/${sourceId}/sessions`)).body).toEqual([]);
  });
});
