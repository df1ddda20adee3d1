import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { runFlow, type EngineServices, type ExecutionResult } from '../../engine/index.js';
import { card, engineContext, field, flow, wire } from '../../engine/test-flows.js';
import type { Card } from '../../model/flow.schema.js';
import { oktaApi } from '../../host/okta-service.js';
import { defaultCardRegistry } from '../registry.js';

/*
 * Okta connector Map Profile Source Attributes in flows run by the engine against a real server: its
 * Users output wired into Bulk User Import (as Okta's XaaS templates do) and an import session triggered;
 * the test checks the users through /api/v1/users, and the card's own refusals.
 */

let server: TestServer;
let services: EngineServices;

beforeAll(async () => {
  server = await startTestServer();
  const okta = oktaApi(server.ctx);
  if (!okta) throw new Error('the server registered no local API');
  services = { okta };
  // A custom attribute of the Okta user profile: the source's attribute of that name maps to it.
  const schema = await server.api('POST', '/api/v1/meta/schemas/user/default', {
    definitions: { custom: { id: '#custom', type: 'object', properties: { workerId: { title: 'Worker ID', type: 'string' } } } },
  });
  expect(schema.status, JSON.stringify(schema.body)).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

type Values = Record<string, unknown>;
let cardCount = 0;

const label = (spec: { group?: string; key: string }) => (spec.group ? `${spec.group}.${spec.key}` : spec.key);

/** A new card of this type with literal inputs by `group.key`; fields are `<id>_in<n>` and `<id>_out<n>`. */
function oktaCard(type: string, values: Values, id = `${type.split(':')[1]}${++cardCount}`): Card {
  const declaration = defaultCardRegistry.get(type);
  if (!declaration) throw new Error(`no card ${type}`);
  const inputs = declaration.inputs.map((spec, index) => field(`${id}_in${index}`, spec.key, spec.type, {
    group: spec.group, list: spec.list, value: Object.hasOwn(values, label(spec)) ? values[label(spec)] : spec.value,
  }));
  const outputs = declaration.outputs.map((spec, index) => field(`${id}_out${index}`, spec.key, spec.type, { group: spec.group, list: spec.list }));
  return card(id, type, { name: declaration.title, inputs, outputs });
}

/** `<cardId>.<fieldId>` of a card's field by `group.key`, for a wire. */
function fieldRef(type: string, id: string, side: 'in' | 'out', name: string): string {
  const specs = side === 'in' ? defaultCardRegistry.get(type)!.inputs : defaultCardRegistry.get(type)!.outputs;
  const index = specs.findIndex((spec) => label(spec) === name);
  if (index < 0) throw new Error(`${type} has no ${side}put ${name}`);
  return `${id}.${id}_${side}${index}`;
}

async function run(cards: Card[], wires: ReturnType<typeof wire>[] = []): Promise<ExecutionResult> {
  const definition = flow([card('start', 'control:noop'), ...cards]);
  definition.wires.push(...wires);
  return runFlow(definition, { kind: 'manual' }, engineContext({ services }));
}

async function newApp(body: Values): Promise<string> {
  const res = await server.api('POST', '/api/v1/apps', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as string;
}

const newSource = () => newApp({ label: `Map source ${++cardCount}`, signOnMode: 'CUSTOM_IDENTITY_SOURCE', settings: { app: { activateUsers: true } } });

async function openSession(sourceId: string): Promise<string> {
  const res = await server.api('POST', `/api/v1/identity-sources/${sourceId}/sessions`);
  expect(res.status).toBe(200);
  return res.body.id as string;
}

async function importEnded(sourceId: string, sessionId: string): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const res = await server.api('GET', `/api/v1/identity-sources/${sourceId}/sessions/${sessionId}`);
    if (res.body.status !== 'TRIGGERED') return res.body.status as string;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import did not end');
}

/** Map → Bulk User Import (its Users wired from Map's) → Trigger Import Session. */
async function mapAndImport(sourceId: string, records: unknown[], operation: string, externalIdKey = 'id'): Promise<{ result: ExecutionResult; sessionId: string }> {
  const sessionId = await openSession(sourceId);
  const map = oktaCard('okta:mapProfileSourceAttributes', {
    'parameters.application': sourceId, 'parameters.importOperation': operation, 'Import Data.externalIdKey': externalIdKey, 'Import Data.users': records,
  }, 'map');
  const common = { 'parameters.application': sourceId, 'Application.sessionId': sessionId };
  const upload = oktaCard('okta:bulkUserImport', { ...common, 'parameters.importOperation': operation === 'DELETE' ? 'delete' : 'upsert' }, 'upload');
  const trigger = oktaCard('okta:triggerImportSession', common, 'trigger');
  const result = await run([map, upload, trigger], [wire(fieldRef('okta:mapProfileSourceAttributes', 'map', 'out', 'Result.Users'), fieldRef('okta:bulkUserImport', 'upload', 'in', 'Data.Users'))]);
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
    expect(await importEnded(sourceId, sessionId)).toBe('COMPLETED');
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
    expect(await importEnded(sourceId, first.sessionId)).toBe('COMPLETED');
    expect((await server.api('GET', '/api/v1/users/grace@map.example.com')).body.status).toBe('PROVISIONED');

    const second = await mapAndImport(sourceId, [{ employeeNumber: 'E-9', firstName: 'Grace' }], 'DELETE', 'employeeNumber');
    expect(second.result.error?.message ?? null).toBeNull();
    expect(second.result.cards[1].outputs).toEqual({ 'Result.Users': [{ externalId: 'E-9' }] });
    expect(await importEnded(sourceId, second.sessionId)).toBe('COMPLETED');
    expect((await server.api('GET', '/api/v1/users/grace@map.example.com')).body.status).toBe('DEPROVISIONED');
  });

  test('refuses an app that is not a Custom Identity Source, an unknown app, a record without its external id, and non-text attributes', async () => {
    const bookmark = await newApp({ label: 'Intranet', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } });
    const mapping = (values: Values) => run([oktaCard('okta:mapProfileSourceAttributes', { 'Import Data.users': workers, ...values })]);

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
