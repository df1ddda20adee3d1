/**
 * The console's event hook pages in Chromium, against a real receiver on loopback: a bad filter shows the
 * server's error at the filter and creates nothing; a hook is created, verified (a failed verification
 * shows why), deactivated and activated again; an event caused through the API arrives and shows in the
 * delivery log; redelivering it makes a second attempt arrive; dead letters are listed and redelivered; a
 * signing secret signs a replayed time range (checked with an HMAC computed here); the hook is deleted
 * after deactivation.
 */
import { createHmac } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factValue, openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { eventually } from '../helpers/eventually.js';
import { json, startHookServer, type HookServer, type RecordedRequest } from '../helpers/hook-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** The error shown at a form field: the element its aria-describedby names last. */
async function errorAt(scope: Page | Locator, input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby'))!.split(' ');
  return scope.locator(`[id="${ids[ids.length - 1]}"]`).innerText();
}

const GOOD_FILTER = "event.target.?[type eq 'UserGroup' && displayName eq 'Console Sales'].size() > 0";

describe('console event hooks', { timeout: 180_000 }, () => {
  let server: TestServer;
  let receiver: HookServer;
  /** What the receiver answers deliveries with (verification GETs always get the challenge back). */
  let deliveryStatus = 200;
  /** Whether the receiver answers the verification challenge (else 404). */
  let answersChallenge = true;
  let admin: ConsoleSession;
  let page: Page;
  let hookId: string;
  let groupId: string;

  const deliveries = () => receiver.requests.filter((r) => r.method === 'POST');
  const eventsIn = (r: RecordedRequest): any[] => r.body?.data?.events ?? [];

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startHookServer((req, res) => {
      if (req.method === 'GET') {
        return answersChallenge ? json(res, 200, { verification: req.headers['x-okta-verification-challenge'] }) : json(res, 404, { error: 'no such hook' });
      }
      return json(res, deliveryStatus, deliveryStatus === 200 ? { received: true } : { error: 'receiver is down' });
    });
    admin = await openConsole(server);
    page = admin.page;
    groupId = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Console Sales' } })).body.id;
  });
  afterAll(async () => {
    await admin?.close();
    await receiver?.close();
    await server?.close();
  });

  async function addEventType(name: string): Promise<void> {
    await page.getByLabel('Add an event type').fill(name);
    await page.getByRole('button', { name: 'Add event type' }).click();
  }

  async function addMember(login: string): Promise<string> {
    const user = await server.api('POST', '/api/v1/users?activate=true', { profile: { firstName: 'Eve', lastName: 'Hook', email: login, login } });
    expect(user.status).toBe(200);
    expect((await server.api('PUT', `/api/v1/groups/${groupId}/users/${user.body.id}`)).status).toBe(204);
    return user.body.id;
  }

  it("shows the server's errors at a bad filter and an ineligible event type, and creates nothing", async () => {
    await openFromNav(page, 'Event Hooks');
    await page.getByRole('link', { name: 'Create Event Hook' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add Event Hook' }).waitFor();
    await page.getByLabel(/^Name/).fill('Sales membership');
    await page.getByLabel('URL').fill(`${receiver.url}/okta-events`);
    await page.getByLabel('Authentication secret').fill('hook-secret');

    // Typed names are checked before they reach the list.
    await addEventType('not an event');
    expect(await errorAt(page, page.getByLabel('Add an event type'))).toContain('is not an event type name');
    await addEventType('group.user_membership.add');
    await addEventType('user.lifecycle.made_up');
    await page.getByLabel('Filter for group.user_membership.add').fill("event.target.?[type eq 'UserGroup'");
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    expect(await errorAt(page, page.getByLabel('Filter for group.user_membership.add'))).toContain('Invalid expression');
    await expect.poll(() => page.locator('.event-row').nth(1).locator('.field-error').first().innerText()).toContain('not an event type eligible for event hooks');
    await screenshot(page, 'event-hook-form-errors');
    expect((await server.api('GET', '/api/v1/eventHooks')).body).toEqual([]);
  });

  it('creates the hook, verifies it against the receiver, deactivates and activates it', async () => {
    await page.getByRole('button', { name: 'Remove user.lifecycle.made_up' }).click();
    await page.getByLabel('Filter for group.user_membership.add').fill(GOOD_FILTER);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sales membership' }).waitFor();
    hookId = page.url().split('/').pop()!;
    expect(await factValue(page, 'Events')).toContain(GOOD_FILTER);
    expect(await factValue(page, 'Delivery')).toContain("Okta's rule");
    const stored = (await server.api('GET', `/api/v1/eventHooks/${hookId}`)).body;
    expect(stored).toMatchObject({ status: 'ACTIVE', verificationStatus: 'UNVERIFIED', events: { items: ['group.user_membership.add'] } });
    expect(stored.events.filter.eventFilterMap).toEqual([{ event: 'group.user_membership.add', condition: { version: null, expression: GOOD_FILTER } }]);

    answersChallenge = false;
    await page.getByRole('button', { name: 'Verify' }).click();
    const failed = page.getByRole('alert').filter({ hasText: 'Verification failed.' });
    await failed.waitFor();
    expect(await failed.innerText()).toContain('HTTP 404');
    expect((await server.api('GET', `/api/v1/eventHooks/${hookId}`)).body.verificationStatus).toBe('UNVERIFIED');

    answersChallenge = true;
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('status').filter({ hasText: 'Verified.' }).waitFor();
    expect(await failed.count()).toBe(0);
    expect(receiver.requests.filter((r) => r.method === 'GET').at(-1)!.headers.authorization).toBe('hook-secret');
    expect((await server.api('GET', `/api/v1/eventHooks/${hookId}`)).body.verificationStatus).toBe('VERIFIED');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('button', { name: 'Deactivate' }).waitFor();
    expect((await server.api('GET', `/api/v1/eventHooks/${hookId}`)).body.status).toBe('ACTIVE');

    await openFromNav(page, 'Event Hooks');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Sales membership' }) });
    expect(await row.innerText()).toMatch(/ACTIVE[\s\S]*Verified[\s\S]*group\.user_membership\.add[\s\S]*No deliveries yet/i);
  });

  it('shows an event caused through the API in the delivery log, and redelivers it', async () => {
    const userId = await addMember('eve.hook@example.com');
    const [first] = await eventually(async () => {
      const found = deliveries();
      expect(found).toHaveLength(1);
      return found;
    }, 20_000);
    const [event] = eventsIn(first);
    expect(event).toMatchObject({ eventType: 'group.user_membership.add' });
    expect(event.target.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([userId, groupId]));

    await page.getByRole('link', { name: 'Sales membership' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sales membership' }).waitFor();
    // Attempts, not the detail rows opened under them.
    const log = page.getByRole('table', { name: /Delivery attempts/ }).locator('tbody tr:not(.detail-row)');
    await expect.poll(async () => {
      await page.getByRole('region', { name: 'Delivery log' }).getByRole('button', { name: 'Refresh' }).click();
      return log.count();
    }).toBe(1);
    const attempt = await log.first().innerText();
    expect(attempt).toContain('SUCCESS');
    expect(attempt).toContain('200');
    expect(attempt).toContain('{"received":true}');
    await log.first().getByRole('button', { name: /^Details/ }).click();
    expect(await page.locator('.detail-row').innerText()).toContain(event.uuid);
    await screenshot(page, 'event-hook-delivery-log');

    await log.first().getByRole('button', { name: 'Redeliver' }).click();
    const dialog = page.getByRole('dialog', { name: 'Redeliver events' });
    await dialog.getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued 1 event for redelivery.' }).waitFor();
    const second = await eventually(async () => {
      const found = deliveries();
      expect(found).toHaveLength(2);
      return found[1];
    }, 20_000);
    expect(eventsIn(second).map((e) => e.uuid)).toEqual([event.uuid]);
    expect(second.body.eventId).not.toBe(first.body.eventId);
    await expect.poll(async () => {
      await page.getByRole('region', { name: 'Delivery log' }).getByRole('button', { name: 'Refresh' }).click();
      return log.count();
    }).toBe(2);
  });

  it('keeps dead letters when told to, lists them, and redelivers them', async () => {
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Keep events given up on as dead letters').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sales membership' }).waitFor();
    expect(await factValue(page, 'Delivery')).toContain('dead letters kept');
    expect((await server.api('GET', `/api/v1/eventHooks/${hookId}`)).body.verificationStatus).toBe('VERIFIED');

    deliveryStatus = 503;
    const before = deliveries().length;
    await addMember('mallory.hook@example.com');
    // Okta's rule: the first attempt and one retry, then the event is given up on (here: a dead letter).
    await eventually(async () => expect(deliveries().length).toBe(before + 2), 20_000);
    const queue = page.getByRole('region', { name: 'Events and dead letters' });
    await queue.getByLabel('Status').selectOption('DEAD_LETTER');
    const rows = page.getByRole('table', { name: /Events of this event hook/ }).locator('tbody tr');
    await expect.poll(async () => {
      await queue.getByRole('button', { name: 'Refresh' }).click();
      return rows.count();
    }).toBe(1);
    expect(await rows.first().innerText()).toMatch(/Dead letter[\s\S]*2[\s\S]*503/i);
    await page.getByRole('region', { name: 'Delivery log' }).getByLabel('Show').selectOption('FAILURE');
    await expect.poll(() => page.getByRole('table', { name: /Delivery attempts/ }).locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'event-hook-dead-letters');

    deliveryStatus = 200;
    await queue.getByRole('button', { name: 'Redeliver dead letters' }).click();
    await page.getByRole('dialog', { name: 'Redeliver dead letters' }).getByRole('button', { name: 'Redeliver' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued 1 event for redelivery.' }).waitFor();
    await eventually(async () => expect(deliveries().length).toBe(before + 3), 20_000);
    await expect.poll(async () => {
      await queue.getByRole('button', { name: 'Refresh' }).click();
      return page.getByText('No dead letter events.').count();
    }).toBe(1);
  });

  it('adds a Standard Webhooks signing secret, shown once, and replays a time range signed with it', async () => {
    const signing = page.getByRole('region', { name: 'Signing (Standard Webhooks)' });
    await signing.getByRole('button', { name: 'Add signing secret' }).click();
    const shown = signing.getByRole('status').filter({ hasText: 'shown once' });
    const secret = /whsec_\S+/.exec(await shown.innerText())![0];
    await expect.poll(() => signing.getByRole('table', { name: 'Signing secrets' }).locator('tbody tr').count()).toBe(1);

    const before = deliveries().length;
    const queue = page.getByRole('region', { name: 'Events and dead letters' });
    await queue.getByRole('button', { name: 'Replay a time range' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay a time range' });
    // The default range is the last hour: both membership events of this test run, delivered before or not.
    await dialog.getByRole('button', { name: 'Replay' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued 2 events for redelivery.' }).waitFor();
    const replayed = await eventually(async () => {
      const found = deliveries().slice(before);
      expect(found.flatMap(eventsIn)).toHaveLength(2);
      return found;
    }, 20_000);
    for (const req of replayed) {
      const id = req.headers['webhook-id'] as string;
      const timestamp = req.headers['webhook-timestamp'] as string;
      const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${req.rawBody}`).digest('base64');
      expect((req.headers['webhook-signature'] as string).split(' ')).toContain(`v1,${expected}`);
    }
  });

  it('deletes the hook only after deactivating it, as Okta does', async () => {
    expect(await page.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog', { name: 'Delete event hook' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Event Hooks' }).waitFor();
    expect((await server.api('GET', `/api/v1/eventHooks/${hookId}`)).status).toBe(404);
  });
});
