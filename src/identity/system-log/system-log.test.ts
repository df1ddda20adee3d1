import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { clientOf, SYSTEM_ACTOR } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';

describe('System Log API', () => {
  let server: TestServer;
  const audit = { actor: SYSTEM_ACTOR, client: clientOf('127.0.0.1', 'vitest'), transactionId: 'reqLogTest' };

  beforeAll(async () => {
    server = await startTestServer();
    const { ctx } = server;
    for (let i = 0; i < 5; i++) {
      await recordEvent(ctx, ctx.db, audit, {
        eventType: i % 2 ? 'user.lifecycle.create' : 'group.lifecycle.create',
        displayMessage: `Event number ${i}`,
        outcome: i === 4 ? 'FAILURE' : 'SUCCESS',
        target: [{ id: `00utarget${i}`, type: 'User', alternateId: `u${i}@example.com`, displayName: `User ${i}` }],
        debugData: { index: i },
      });
    }
  });
  afterAll(async () => { await server?.close(); });

  it('returns Okta LogEvents, oldest first by default', async () => {
    const res = await server.api('GET', '/api/v1/logs?q=number');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(5);
    const first = res.body[0];
    expect(first).toMatchObject({ eventType: 'group.lifecycle.create', version: '0', severity: 'INFO', displayMessage: 'Event number 0', outcome: { result: 'SUCCESS' } });
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['uuid', 'published', 'actor', 'client', 'target', 'transaction', 'debugContext', 'authenticationContext', 'request']));
    expect(first.transaction.id).toBe('reqLogTest');
  });

  it('filters by eventType, outcome and target id', async () => {
    const byType = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.lifecycle.create"')}`);
    expect(byType.body.map((e: any) => e.displayMessage)).toEqual(['Event number 1', 'Event number 3']);
    const failed = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('outcome.result eq "FAILURE" or target.id eq "00utarget2"')}`);
    expect(failed.body.map((e: any) => e.displayMessage).sort()).toEqual(['Event number 2', 'Event number 4']);
    const byDebug = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('debugContext.debugData.index gt 2')}`);
    expect(byDebug.body.map((e: any) => e.displayMessage)).toEqual(['Event number 3', 'Event number 4']);
  });

  it('pages with limit, after and Link rel="next", in either order', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/api/v1/logs?q=number&limit=2&sortOrder=DESCENDING';
    while (next) {
      const res = await server.api('GET', next);
      expect(res.status).toBe(200);
      seen.push(...res.body.map((e: any) => e.displayMessage));
      const link = res.headers.get('link') ?? '';
      const m = /<([^>]+)>; rel="next"/.exec(link);
      next = m ? new URL(m[1]).pathname + new URL(m[1]).search : undefined;
    }
    expect(seen).toEqual(['Event number 4', 'Event number 3', 'Event number 2', 'Event number 1', 'Event number 0']);
  });

  it('answers bad parameters with E0000001', async () => {
    for (const qs of ['filter=' + encodeURIComponent('eventType eq'), 'since=yesterday', 'limit=0', 'sortOrder=SIDEWAYS']) {
      const res = await server.api('GET', `/api/v1/logs?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.body.errorCode, qs).toBe('E0000001');
    }
  });

  it('honours since and until', async () => {
    const res = await server.api('GET', '/api/v1/logs?since=2000-01-01T00:00:00.000Z&until=2000-01-02T00:00:00.000Z');
    expect(res.body).toEqual([]);
  });
});
