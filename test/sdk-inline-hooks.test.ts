import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { sdkClient } from './helpers/okta-sdk.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';

describe('official @okta/okta-sdk-nodejs against /api/v1/inlineHooks', () => {
  let server: TestServer;
  let endpoint: HookServer;
  let client: InstanceType<typeof okta.Client>;

  beforeAll(async () => {
    server = await startTestServer();
    endpoint = await startHookServer((_req, res) => json(res, 200, {
      commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }],
    }));
    client = sdkClient(server);
  });
  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });

  it('creates, lists, activates, deactivates, executes and deletes an inline hook', async () => {
    const created = await client.inlineHookApi.createInlineHook({
      inlineHook: {
        name: 'SDK registration hook',
        type: 'com.okta.user.pre-registration',
        version: '1.0.0',
        channel: {
          type: 'HTTP',
          version: '1.0.0',
          config: {
            uri: `${endpoint.url}/registration`,
            headers: [{ key: 'x-any-key', value: 'my-header-value' }],
            method: 'POST',
            authScheme: { type: 'HEADER', key: 'Authorization', value: 'my-shared-secret' },
          },
        } as okta.InlineHookChannelCreate,
      },
    });
    expect(created.id).toMatch(/^cal/);
    expect(created.status).toBe('ACTIVE');
    expect(created.name).toBe('SDK registration hook');
    expect(created.type).toBe('com.okta.user.pre-registration');
    expect(created.created).toBeInstanceOf(Date);
    const config = (created.channel as okta.InlineHookChannelHttp).config!;
    expect(config.uri).toBe(`${endpoint.url}/registration`);
    expect(config.authScheme?.key).toBe('Authorization');
    expect(JSON.stringify(created)).not.toContain('my-shared-secret');

    const listed: string[] = [];
    for await (const hook of await client.inlineHookApi.listInlineHooks({ type: 'com.okta.user.pre-registration' })) listed.push(hook!.id!);
    expect(listed).toContain(created.id);
    const others: string[] = [];
    for await (const hook of await client.inlineHookApi.listInlineHooks({ type: 'com.okta.oauth2.tokens.transform' })) others.push(hook!.id!);
    expect(others).not.toContain(created.id);

    const fetched = await client.inlineHookApi.getInlineHook({ inlineHookId: created.id! });
    expect(fetched.name).toBe('SDK registration hook');

    const deactivated = await client.inlineHookApi.deactivateInlineHook({ inlineHookId: created.id! });
    expect(deactivated.status).toBe('INACTIVE');
    const activated = await client.inlineHookApi.activateInlineHook({ inlineHookId: created.id! });
    expect(activated.status).toBe('ACTIVE');

    const reply = await client.inlineHookApi.executeInlineHook({
      inlineHookId: created.id!,
      payloadData: {
        eventId: 'sdkExecute00000000000a', eventTime: '2024-01-01T00:00:00.000Z', eventType: 'com.okta.user.pre-registration',
        eventTypeVersion: '1.0', contentType: 'application/json', cloudEventVersion: '0.1', source: 'rst1', requestType: 'self.service.registration',
        data: { context: { request: { id: 'r1', method: 'POST', url: { value: '/signup' }, ipAddress: '127.0.0.1' } }, userProfile: { email: 'jane@atko.email' }, action: 'ALLOW' },
      } as okta.RegistrationInlineHookRequest,
    });
    expect(reply).toMatchObject({ commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] });
    const sent = endpoint.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('my-shared-secret');
    expect(sent.headers['x-any-key']).toBe('my-header-value');
    expect(sent.body.eventId).toBe('sdkExecute00000000000a');

    // Okta refuses to delete an ACTIVE hook; the SDK surfaces Okta's error body.
    await expect(client.inlineHookApi.deleteInlineHook({ inlineHookId: created.id! })).rejects.toMatchObject({ status: 400 });

    await client.inlineHookApi.deactivateInlineHook({ inlineHookId: created.id! });
    await client.inlineHookApi.deleteInlineHook({ inlineHookId: created.id! });
    await expect(client.inlineHookApi.getInlineHook({ inlineHookId: created.id! })).rejects.toMatchObject({ status: 404 });
  });

  it('replaces a hook with the object it fetched (secret kept) and updates it with POST', async () => {
    const created = await client.inlineHookApi.createInlineHook({
      inlineHook: {
        name: 'SDK token hook', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
        channel: { type: 'HTTP', version: '1.0.0', config: {
          uri: `${endpoint.url}/token`, method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'token-secret' },
        } } as okta.InlineHookChannelCreate,
      },
    });
    const fetched = await client.inlineHookApi.getInlineHook({ inlineHookId: created.id! });
    fetched.name = 'SDK token hook (renamed)';
    const replaced = await client.inlineHookApi.replaceInlineHook({ inlineHookId: created.id!, inlineHook: fetched as okta.InlineHookReplace });
    expect(replaced.name).toBe('SDK token hook (renamed)');
    expect(replaced.type).toBe('com.okta.oauth2.tokens.transform');

    const updated = await client.inlineHookApi.updateInlineHook({ inlineHookId: created.id!, inlineHook: { name: 'SDK token hook (updated)' } as okta.InlineHookReplace });
    expect(updated.name).toBe('SDK token hook (updated)');
    expect((updated.channel as okta.InlineHookChannelHttp).config!.uri).toBe(`${endpoint.url}/token`);

    endpoint.handle((_req, res) => { res.writeHead(204).end(); });
    await client.inlineHookApi.executeInlineHook({ inlineHookId: created.id!, payloadData: { eventType: 'com.okta.oauth2.tokens.transform' } as okta.TokenRequest });
    expect(endpoint.requests.at(-1)!.headers.authorization).toBe('token-secret');
  });

  it('surfaces validation errors as OktaApiError with Okta\'s error body', async () => {
    const err = await client.inlineHookApi.createInlineHook({
      inlineHook: {
        name: 'Bad hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
        channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'http://hooks.example.com/x', authScheme: { type: 'HEADER', key: 'Authorization', value: 's' } } } as okta.InlineHookChannelCreate,
      },
    }).catch((e: unknown) => e as { status: number; errorCode: string; errorCauses: Array<{ errorSummary: string }> });
    expect(err).toMatchObject({ status: 400, errorCode: 'E0000001' });
    expect((err as { errorCauses: Array<{ errorSummary: string }> }).errorCauses[0].errorSummary).toMatch(/^channel\.config\.uri: The URI must use https:\/\//);
  });
});
