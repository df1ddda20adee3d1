import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { describeWithTemplates, readTemplate } from '../../../../test/helpers/templates.js';

/*
 * Okta's Darwinbox template (automate_lifecycle_management_with_darwinbox), its "User Creation" flow as
 * Okta runs it: imported through the Workflows API, turned on, the Custom Identity Source app chosen in its
 * import session cards (as the template's readme asks the admin), its Subdomain_mapping table seeded through
 * the tables API, and Darwinbox's webhook (a JSON POST to the flow's invoke URL with its client token). The
 * flow creates an import session, uploads the new hire and triggers the import; the test checks the session
 * through the Identity Sources API and the user through /api/v1/users.
 */

type Json = Record<string, any>;

const TEMPLATE = 'automate_lifecycle_management_with_darwinbox';
const TEMPLATE_SOURCE_ID = '0oa1o9luzqiUjUNs41d8';
const SUBDOMAIN_TABLE = 'e173043b-36e9-4a0e-8feb-6698277877c0';
const CREATION_LOG_TABLE = '053b2ce9-e7d2-4c1d-803f-ba20f70236e5';

let server: TestServer;
let sourceId: string;
let userCreation: Json;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Chooses the identity source in every card whose Application option names the template's app, as the admin does after import. */
function chooseIdentitySource(pack: Json, appId: string): number {
  let changed = 0;
  for (const flo of Object.values(pack.data.flos as Json)) {
    for (const method of flo.data.methods as Json[]) {
      for (const input of Object.values((method.node.model.inputs?.data ?? {}) as Json)) {
        if (input.group === 'parameters' && input.key === 'application' && input.value.data === TEMPLATE_SOURCE_ID) {
          input.value.data = appId;
          changed += 1;
        }
      }
    }
  }
  return changed;
}

/** Darwinbox's new-hire webhook body, with the keys the flow's Get Multiple card reads. */
function newHire(overrides: Json): Json {
  return {
    first_name: 'Priya', middle_name: 'K', last_name: 'Sharma', personal_email_id: 'priya.personal@example.org',
    employee_id: 'E-1001', company_email_id: '', 'email domain': 'Acme India', user_unique_id: 'DBX-1001',
    direct_manager_name: 'Ravi Iyer', department_name: 'Engineering', designation_name: 'Engineer',
    direct_manager_employee_id: 'E-0007', street: '1 MG Road', state: 'Karnataka', city: 'Bengaluru', pincode: '560001',
    country_code: 'IN', address: '1 MG Road, Bengaluru', company_timezone: 'Asia/Kolkata', employee_type: 'Full time',
    office_location_cost_center: 'CC-42', group_company: 'Acme', division: 'R&D', mobile: '+91 98450 00000', primary_mobile_number: '+91 98450 00000',
    ...overrides,
  };
}

async function invoke(body: Json): Promise<{ status: number; body: unknown }> {
  const res = await fetch(userCreation.invokeUrl as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-client-token': userCreation.clientToken as string },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}

async function sessions(): Promise<Json[]> {
  const res = await server.api('GET', `/api/v1/identity-sources/${sourceId}/sessions`);
  expect(res.status).toBe(200);
  return res.body as Json[];
}

/** Waits for the source's import sessions to end (Okta imports in the background). */
async function importsEnded(): Promise<Json[]> {
  for (let i = 0; i < 400; i += 1) {
    const all = await sessions();
    if (all.every((session) => session.status !== 'TRIGGERED')) return all;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the import did not end');
}

async function userByLogin(login: string): Promise<Json> {
  const res = await server.api('GET', `/api/v1/users/${encodeURIComponent(login)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Json;
}

describeWithTemplates("Okta's Darwinbox template: User Creation", () => {
  test('imports with its tables and helpers; the identity source is chosen and the mapping table seeded', async () => {
    const app = await server.api('POST', '/api/v1/apps', {
      label: 'Darwinbox', signOnMode: 'CUSTOM_IDENTITY_SOURCE', settings: { app: { activateUsers: true } },
    });
    expect(app.status, JSON.stringify(app.body)).toBe(200);
    sourceId = app.body.id as string;

    const pack = readTemplate(TEMPLATE) as Json;
    expect(chooseIdentitySource(pack, sourceId)).toBeGreaterThan(0);
    const imported = await server.api('POST', '/api/workflows/v1/import?activate=true', pack);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    userCreation = (imported.body.flows as Json[]).find((flow) => flow.name === 'User Creation')!;
    expect(userCreation).toMatchObject({ status: 'ACTIVE', securityLevel: 'medium', unsupportedCards: [] });
    expect(imported.body.tables).toEqual(expect.arrayContaining(['Subdomain_mapping', 'User_creation_logs']));

    const row = await server.api('POST', `/api/workflows/v1/tables/${SUBDOMAIN_TABLE}/rows`, { fields: { Darwinbox_value: 'Acme India', Subdomain: 'acme.example.com' } });
    expect(row.status, JSON.stringify(row.body)).toBe(200);
  });

  test('a new hire: a login from the name and subdomain, uploaded and imported through an import session that ends COMPLETED', async () => {
    const answer = await invoke(newHire({}));
    expect(answer).toEqual({ status: 200, body: { Message: 'priya.s@acme.example.com User imported successfully.' } });

    const ended = await importsEnded();
    expect(ended).toEqual([expect.objectContaining({ identitySourceId: sourceId, status: 'COMPLETED', importType: 'INCREMENTAL' })]);
    const user = await userByLogin('priya.s@acme.example.com');
    // Okta's status for a user activated without credentials; the profile through the source's attribute mapping.
    expect(user.status).toBe('PROVISIONED');
    expect(user.profile).toMatchObject({
      login: 'priya.s@acme.example.com', email: 'priya.s@acme.example.com', secondEmail: 'priya.personal@example.org',
      firstName: 'Priya', middleName: 'K', lastName: 'Sharma', displayName: 'Priya Sharma', department: 'Engineering',
      manager: 'Ravi Iyer', managerId: 'E-0007', city: 'Bengaluru', state: 'Karnataka', countryCode: 'IN', costCenter: 'CC-42',
      division: 'R&D', mobilePhone: '+91 98450 00000',
    });
    // The source's attributes the Okta profile has no attribute for stay on the app user (with the externalId).
    const appUser = await server.api('GET', `/api/v1/apps/${sourceId}/users/${user.id}`);
    expect(appUser.body.profile).toMatchObject({ externalId: 'DBX-1001', employeeId: 'E-1001', designation: 'Engineer', pincode: '560001', companyTimezone: 'Asia/Kolkata' });
    // The flow logs the hire in User_creation_logs and deletes the row once the import is triggered.
    const logs = await server.api('GET', `/api/workflows/v1/tables/${CREATION_LOG_TABLE}/rows`);
    expect(logs.body).toEqual([]);
    const events = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "system.import.session.triggered"')}`);
    expect((events.body as Json[]).map((event) => event.actor.displayName)).toEqual(['Okta Workflows OAuth']);
  });

  test('a second hire whose login is taken gets the next one (the helpers search Okta users, filter by domain and reduce)', async () => {
    const answer = await invoke(newHire({ last_name: 'Singh', user_unique_id: 'DBX-1002', personal_email_id: 'p.singh@example.org', employee_id: 'E-1002' }));
    expect(answer).toEqual({ status: 200, body: { Message: 'priya.s1@acme.example.com User imported successfully.' } });
    await importsEnded();
    const user = await userByLogin('priya.s1@acme.example.com');
    expect(user.profile).toMatchObject({ firstName: 'Priya', lastName: 'Singh', email: 'priya.s1@acme.example.com' });
    expect((await sessions()).map((session) => session.status)).toEqual(['COMPLETED', 'COMPLETED']);
  });

  test('a re-hire (company email on a mapped subdomain) re-imports the same external id: the deactivated user comes back', async () => {
    const priya = await userByLogin('priya.s@acme.example.com');
    expect((await server.api('POST', `/api/v1/users/${priya.id}/lifecycle/deactivate`)).status).toBe(200);
    expect((await userByLogin('priya.s@acme.example.com')).status).toBe('DEPROVISIONED');

    const answer = await invoke(newHire({ company_email_id: 'priya.s@acme.example.com', department_name: 'Research' }));
    expect(answer.status).toBe(200);
    expect((answer.body as Json).Message).toContain('priya.s@acme.example.com User imported Successfully.');
    await importsEnded();
    const back = await userByLogin('priya.s@acme.example.com');
    expect(back.id).toBe(priya.id);
    expect(back.status).not.toBe('DEPROVISIONED');
    expect(back.profile.department).toBe('Research');
    const found = await server.api('GET', `/api/v1/users?search=${encodeURIComponent('profile.firstName eq "Priya"')}`);
    expect((found.body as Json[]).map((user) => user.profile.login).sort()).toEqual(['priya.s1@acme.example.com', 'priya.s@acme.example.com']);
  });

  test('an upload Okta refuses (no valid secondEmail) fails the flow and leaves the session open, nothing imported', async () => {
    const answer = await invoke(newHire({ first_name: 'Omar', last_name: 'Ali', user_unique_id: 'DBX-2001', personal_email_id: 'not-an-email' }));
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).toContain('profiles[0].profile.secondEmail: Does not match required pattern');
    const open = (await sessions()).filter((session) => session.status === 'CREATED');
    expect(open).toHaveLength(1);
    expect((await server.api('GET', '/api/v1/users/omar.a@acme.example.com')).status).toBe(404);
    // The hire stays in User_creation_logs for the Repush flow.
    const logs = await server.api('GET', `/api/workflows/v1/tables/${CREATION_LOG_TABLE}/rows`);
    expect((logs.body as Json[]).map((row) => row.fields?.externalId ?? row.cells?.externalId)).toEqual(['DBX-2001']);
  });
});
