import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: inline-hooks', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const body = { name: 'Sweep hook', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/sweep', authScheme: { type: 'HEADER', key: 'Authorization', value: 'sweep-secret' } } } };
    const inlineHookId = (await server.api('POST', '/api/v1/inlineHooks', body)).body.id;
    input = { ids: { inlineHookId }, bodies: { createInlineHook: { ...body, name: 'Sweep hook 2' }, replaceInlineHook: body, updateInlineHook: { name: 'Sweep hook renamed' } } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'inline-hooks', input), ['listInlineHooks', 'getInlineHook', 'createInlineHook', 'replaceInlineHook', 'updateInlineHook', 'activateInlineHook', 'deactivateInlineHook', 'deleteInlineHook']);
  });
});
