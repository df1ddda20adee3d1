import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../../../../test/helpers/server.js';
import type { EngineServices } from '../../engine/index.js';
import { field } from '../../engine/flow-test-kit.js';
import type { Card } from '../../model/flow.schema.js';
import { defaultCardRegistry } from '../registry.js';
import { cardOutputs, logEventsFor, makeUser, oktaCard, runCards, startOktaServer } from './okta-test-kit.js';

/*
 * The Okta connector's Reset Password and Unsuspend User cards in a small flow run by the engine against a
 * real server (as okta-cards.test.ts): the card calls the server's own /api/v1; the test checks the change
 * through the API over HTTP and the card's outputs.
 */

let server: TestServer;
let services: EngineServices;
beforeAll(async () => {
  ({ server, services } = await startOktaServer());
});
afterAll(async () => {
  await server?.close();
});

const run = (okta: Card) => runCards(services, [okta]);
const outputsOf = (okta: Card) => cardOutputs(services, okta);
const newUser = () => makeUser(server, { prefix: 'pw-card', firstName: 'Katherine', lastName: 'Johnson', password: 'Orbital-Mechanics-1962!' });
const statusOf = async (id: string) => (await server.api('GET', `/api/v1/users/${id}`)).body.status as string;

describe('Okta connector Reset Password', () => {
  test("declares the fields of Okta's export (1.0.690)", () => {
    const declaration = defaultCardRegistry.get('okta:resetPassword')!;
    expect(declaration.okta.address).toBe('root:channels:http:okta:1.0.690:resetPassword');
    expect(declaration.inputs.map((f) => `${f.group}.${f.key}:${f.type}`)).toEqual(['User.userID:string', 'parameters.convert:string', 'parameters.email:boolean']);
    expect(declaration.outputs.map((f) => `${f.group}.${f.key}`)).toEqual(['Response.Status Code']);
  });

  test('with Send Email: RECOVERY and the Status Code, by the connection', async () => {
    const user = await newUser();
    const outputs = await outputsOf(oktaCard('okta:resetPassword', { 'User.userID': user.login }));
    expect(outputs['Response.Status Code']).toBe(200);
    expect(await statusOf(user.id)).toBe('RECOVERY');
    const events = await logEventsFor(server, 'user.account.reset_password', user.id);
    expect(events.map((e) => e.actor.displayName)).toEqual(['Okta Workflows OAuth']);
  });

  test('without Send Email: the reset link on Reset Password.URL (as the template exports it), a link that opens the reset page', async () => {
    const user = await newUser();
    const outputs = await outputsOf(oktaCard('okta:resetPassword', { 'User.userID': user.id, 'parameters.email': false }, {
      outputs: [field('url', 'URL', 'string', { group: 'Reset Password' })],
    }));
    const url = outputs['Reset Password.URL'] as string;
    expect(url).toMatch(new RegExp(`^${server.ctx.config.issuer}/signin/reset-password/[A-Za-z0-9]{20}$`));
    expect(outputs['Response.Status Code']).toBe(200);
    const page = await fetch(server.url + new URL(url).pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Reset password</h1>');
  });

  test("fails with Okta's error for a user it cannot reset, an unknown user, and a conversion to a federated user", async () => {
    const user = await newUser();
    await server.api('POST', `/api/v1/users/${user.id}/lifecycle/suspend`);
    const suspended = await run(oktaCard('okta:resetPassword', { 'User.userID': user.id, 'parameters.email': false }));
    expect(suspended.status).toBe('failed');
    expect(suspended.error?.message).toContain("403 Forbidden: This operation is not allowed in the user's current status.");
    const unknown = await run(oktaCard('okta:resetPassword', { 'User.userID': 'nobody@example.com' }));
    expect(unknown.error?.message).toContain('404 Not Found');
    const convert = await run(oktaCard('okta:resetPassword', { 'User.userID': user.id, 'parameters.convert': 'Yes' }));
    expect(convert.status).toBe('failed');
    expect(convert.error?.message).toContain('Convert to Federated User is not available');
    expect(await statusOf(user.id)).toBe('SUSPENDED');
  });
});

describe('Okta connector Unsuspend User', () => {
  test('unsuspends a suspended user (Status Code 200), and fails for one that is not suspended', async () => {
    const user = await newUser();
    await outputsOf(oktaCard('okta:suspendUser', { 'User.id': user.id }));
    expect(await statusOf(user.id)).toBe('SUSPENDED');
    const outputs = await outputsOf(oktaCard('okta:unsuspendUser', { 'User.id': user.login }));
    expect(outputs['Response.statusCode']).toBe(200);
    expect(await statusOf(user.id)).toBe('ACTIVE');
    const events = await logEventsFor(server, 'user.lifecycle.unsuspend', user.id);
    expect(events.map((e) => e.actor.displayName)).toEqual(['Okta Workflows OAuth']);

    const again = await run(oktaCard('okta:unsuspendUser', { 'User.id': user.id }));
    expect(again.status).toBe('failed');
    expect(again.error?.message).toContain("403 Forbidden: This operation is not allowed in the user's current status.");
  });

  test('exports under the address form of its connector siblings', () => {
    expect(defaultCardRegistry.get('okta:unsuspendUser')!.okta).toEqual({ address: 'root:channels:http:okta:1.0.690:unsuspendUser', timeout: 30000 });
  });
});
