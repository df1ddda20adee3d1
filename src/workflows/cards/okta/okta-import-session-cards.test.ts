import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../../../../test/helpers/server.js';
import type { EngineServices, ExecutionResult } from '../../engine/index.js';
import type { Card } from '../../model/flow.schema.js';
import { importEnded, newIdentitySource, oktaCard, runCards, startOktaServer, type Values } from './okta-test-kit.js';

/*
 * The Okta connector's import session cards (Anything-as-a-Source) in flows run by the engine against a
 * real server: Create an Import Session → Bulk User Import → Trigger Import Session imports users that the
 * test then finds through /api/v1/users (over HTTP, as an admin); List and Delete Import Session too.
 */

let server: TestServer;
let services: EngineServices;
beforeAll(async () => {
  ({ server, services } = await startOktaServer());
});
afterAll(async () => {
  await server?.close();
});

const run = (...cards: Card[]) => runCards(services, cards);
const newSource = () => newIdentitySource(server, `Cards source ${Date.now()}`);
const waitForSession = (sourceId: string, sessionId: string) => importEnded(server, sourceId, sessionId);

/** The outputs of card `index` (1-based after the start card) by `group.key`. */
function outputsOf(result: ExecutionResult, index: number): Values {
  return result.cards[index].outputs ?? {};
}

const users = (...names: string[]) => names.map((n) => ({
  externalId: `HR-${n}`, profile: { userName: `${n}@cards.example.com`, email: `${n}@cards.example.com`, firstName: 'Card', lastName: n },
}));

async function session(sourceId: string, useIdInput = false): Promise<string> {
  const values = useIdInput ? { 'Application.applicationID': sourceId } : { 'parameters.application': sourceId };
  const result = await run(oktaCard('okta:createAnImportSession', values));
  expect(result.error?.message ?? null).toBeNull();
  const out = outputsOf(result, 1);
  expect(out).toEqual({ 'Session.id': expect.stringMatching(/^aps/), 'Session.identitySourceId': sourceId, 'Session.status': 'CREATED', 'Session.importType': 'INCREMENTAL' });
  return out['Session.id'] as string;
}

describe('Okta connector import session cards against this org', () => {
  test('Create an Import Session → Bulk User Import (upsert) → Trigger Import Session creates the users; again, updates them', async () => {
    const sourceId = await newSource();
    const sessionId = await session(sourceId, true);
    const common = { 'parameters.application': sourceId, 'Application.sessionId': sessionId };
    const result = await run(
      oktaCard('okta:bulkUserImport', { ...common, 'Data.Users': users('ana', 'bo') }),
      oktaCard('okta:triggerImportSession', common),
    );
    expect(result.error?.message ?? null).toBeNull();
    expect(outputsOf(result, 1)).toEqual({ 'Response.recordsImported': 2 });
    expect(outputsOf(result, 2)).toMatchObject({ 'Session.id': sessionId, 'Session.status': 'TRIGGERED', 'Session.importType': 'INCREMENTAL' });
    expect(await waitForSession(sourceId, sessionId)).toBe('COMPLETED');
    const found = await server.api('GET', `/api/v1/users?search=${encodeURIComponent('profile.email sw "ana@cards"')}`);
    expect(found.body.map((u: any) => [u.profile.login, u.profile.lastName])).toEqual([['ana@cards.example.com', 'ana']]);
    // The change is the Workflows connection's in the System Log.
    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "system.import.session.triggered"')}`);
    expect(logs.body.find((e: any) => e.target.some((t: any) => t.id === sessionId)).actor.displayName).toBe('Okta Workflows OAuth');

    const again = await session(sourceId);
    const renamed = users('ana').map((u) => ({ ...u, profile: { ...u.profile, lastName: 'Anderson' } }));
    const second = await run(
      oktaCard('okta:bulkUserImport', { 'parameters.application': sourceId, 'Application.sessionId': again, 'Data.Users': renamed }),
      oktaCard('okta:triggerImportSession', { 'parameters.application': sourceId, 'Application.sessionId': again }),
    );
    expect(second.error?.message ?? null).toBeNull();
    expect(await waitForSession(sourceId, again)).toBe('COMPLETED');
    const after = await server.api('GET', `/api/v1/users?search=${encodeURIComponent('profile.email eq "ana@cards.example.com"')}`);
    expect(after.body.map((u: any) => [u.id, u.profile.lastName])).toEqual([[found.body[0].id, 'Anderson']]);
  });

  test('Bulk User Import sends pages of 200 and, with Deactivate & Delete, deactivates by externalId', async () => {
    const sourceId = await newSource();
    const first = await session(sourceId);
    const many = users(...Array.from({ length: 450 }, (_, i) => `p${i}`));
    const upload = await run(oktaCard('okta:bulkUserImport', { 'parameters.application': sourceId, 'Application.sessionId': first, 'Data.Users': many }));
    expect(upload.error?.message ?? null).toBeNull();
    expect(outputsOf(upload, 1)).toEqual({ 'Response.recordsImported': 450 });
    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "system.identity_sources.bulk_upsert"')}&limit=1000`);
    expect(logs.body.filter((e: any) => e.target.some((t: any) => t.id === first)).map((e: any) => e.debugContext.debugData.profiles).sort()).toEqual([200, 200, 50]);
    await run(oktaCard('okta:triggerImportSession', { 'parameters.application': sourceId, 'Application.sessionId': first }));
    expect(await waitForSession(sourceId, first)).toBe('COMPLETED');

    const second = await session(sourceId);
    const deletion = await run(
      oktaCard('okta:bulkUserImport', { 'parameters.application': sourceId, 'Application.sessionId': second, 'parameters.importOperation': 'delete', 'Data.Users': [{ externalId: 'HR-p7' }] }),
      oktaCard('okta:triggerImportSession', { 'parameters.application': sourceId, 'Application.sessionId': second }),
    );
    expect(deletion.error?.message ?? null).toBeNull();
    expect(await waitForSession(sourceId, second)).toBe('COMPLETED');
    const p7 = await server.api('GET', '/api/v1/users/p7@cards.example.com');
    expect(p7.body.status).toBe('DEPROVISIONED');
    expect((await server.api('GET', '/api/v1/users/p8@cards.example.com')).body.status).toBe('PROVISIONED');
  });

  test("List Import Sessions and Delete Import Session; Okta's errors fail the card", async () => {
    const sourceId = await newSource();
    const open = await session(sourceId);
    const refused = await run(oktaCard('okta:createAnImportSession', { 'parameters.application': sourceId }));
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toContain('400 Bad Request: Api validation failed: identitySourceSession');

    const listed = await run(oktaCard('okta:listImportSessions', { 'parameters.application': sourceId }));
    expect(outputsOf(listed, 1)).toEqual({
      'Result.Sessions': [{ id: open, identitySourceId: sourceId, status: 'CREATED', importType: 'INCREMENTAL' }],
    });
    const deleted = await run(oktaCard('okta:deleteImportSession', { 'parameters.application': sourceId, 'Application.sessionId': open }));
    expect(outputsOf(deleted, 1)).toEqual({ 'Response.statusCode': 204 });
    expect((await server.api('GET', `/api/v1/identity-sources/${sourceId}/sessions/${open}`)).body.status).toBe('CLOSED');

    const bad = await run(oktaCard('okta:bulkUserImport', {
      'parameters.application': sourceId, 'Application.sessionId': await session(sourceId), 'Data.Users': [{ externalId: 'HR-x', profile: { userName: 'x' } }],
    }));
    expect(bad.status).toBe('failed');
    expect(bad.error?.message).toContain('profiles[0].profile.email: The field cannot be left blank');
    const missing = await run(oktaCard('okta:listImportSessions', {}));
    expect(missing.error?.message).toContain("input 'Application ID' is required");
  });
});
