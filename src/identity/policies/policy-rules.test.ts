import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { newId } from '../../platform/ids.js';
import { getProfileEnrollment } from './policies.service.js';

async function eventsFor(server: TestServer, targetId: string): Promise<string[]> {
  const rows = await server.ctx.db.selectFrom('system_log').select('event_type')
    .where('target_ids', 'like', `% ${targetId} %`).orderBy('published').orderBy('uuid').execute();
  return rows.map((r) => r.event_type);
}

async function rulesSnapshot(server: TestServer): Promise<string> {
  const rules = await server.ctx.db.selectFrom('policy_rules').selectAll().orderBy('id').execute();
  const log = await server.ctx.db.selectFrom('system_log').select('uuid').execute();
  return JSON.stringify({ rules, log: log.length });
}

function causes(body: { errorCauses: Array<{ errorSummary: string }> }): string[] {
  return body.errorCauses.map((c) => c.errorSummary);
}

async function insertInlineHook(server: TestServer, type: string): Promise<string> {
  const now = new Date().toISOString();
  const id = newId('inlineHook');
  await server.ctx.db.insertInto('inline_hooks').values({
    id, name: `hook ${id}`, type, status: 'ACTIVE', version: '1.0.0', created: now, last_updated: now, secret_encrypted: null,
    channel: JSON.stringify({ type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/reg', headers: [], method: 'POST' } }),
  }).execute();
  return id;
}

describe('Policy rules API', () => {
  let server: TestServer;
  let passwordPolicyId: string;
  let enrollment: { policyId: string; ruleId: string; rule: Record<string, unknown> };

  beforeAll(async () => {
    server = await startTestServer();
    passwordPolicyId = (await server.api('POST', '/api/v1/policies', { type: 'PASSWORD', name: 'Contractors' })).body.id;
    const pe = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0];
    const rule = (await server.api('GET', `/api/v1/policies/${pe.id}/rules`)).body[0];
    enrollment = { policyId: pe.id, ruleId: rule.id, rule };
  });
  afterAll(async () => { await server?.close(); });

  describe('PASSWORD rules', () => {
    it('creates rules with Okta defaults, ahead of none, and logs policy.rule.add', async () => {
      const res = await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules`, {
        type: 'PASSWORD', name: 'No reset', actions: { selfServicePasswordReset: { access: 'DENY' } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        type: 'PASSWORD', name: 'No reset', status: 'ACTIVE', priority: 1, system: false,
        conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } },
        actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'DENY' }, selfServiceUnlock: { access: 'DENY' } },
      });
      expect(res.body.id).toMatch(/^0pr/);
      expect(res.body._links.self.href).toBe(`${server.ctx.config.issuer}/api/v1/policies/${passwordPolicyId}/rules/${res.body.id}`);
      expect(res.body._links.self.hints.allow).toEqual(['GET', 'PUT', 'DELETE']);
      expect(await eventsFor(server, res.body.id)).toEqual(['policy.rule.add']);
      // The policy is a target too, so its history shows the rule change.
      expect(await eventsFor(server, passwordPolicyId)).toEqual(['policy.lifecycle.create', 'policy.rule.add']);

      const inactive = await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules?activate=false`, { name: 'Second', priority: 1 });
      expect(inactive.body).toMatchObject({ status: 'INACTIVE', priority: 1, type: 'PASSWORD' });
      const list = (await server.api('GET', `/api/v1/policies/${passwordPolicyId}/rules`)).body;
      expect(list.map((r: { name: string; priority: number }) => `${r.priority}:${r.name}`)).toEqual(['1:Second', '2:No reset']);
    });

    it('rejects bad rules with all causes and changes nothing', async () => {
      const before = await rulesSnapshot(server);
      const res = await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules`, {
        type: 'SIGN_ON', name: 'No reset', priority: 0,
        conditions: { network: { connection: 'MOON' } }, actions: { passwordChange: { access: 'MAYBE' } },
      });
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(causes(res.body)).toEqual([
        'type: The rule type must be PASSWORD for a PASSWORD policy',
        'priority: The value must be at least 1',
        "conditions.network.connection: 'MOON' is not a valid value; expected one of ANYWHERE, ZONE",
        "actions.passwordChange.access: 'MAYBE' is not a valid value; expected one of ALLOW, DENY",
      ]);
      const dup = await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules`, { name: 'No reset' });
      expect(causes(dup.body)).toEqual(['name: Policy rule name already in use']);
      const noName = await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules`, {});
      expect(causes(noName.body)).toEqual(['name: The field cannot be left blank']);
      expect(await rulesSnapshot(server)).toBe(before);
      expect((await server.api('GET', '/api/v1/policies/00pnothere0000000000/rules')).status).toBe(404);
      expect((await server.api('GET', `/api/v1/policies/${passwordPolicyId}/rules/0prnothere0000000000`)).body.errorCode).toBe('E0000007');
    });

    it('replaces, activates, deactivates and deletes a rule, each with its event', async () => {
      const rule = (await server.api('GET', `/api/v1/policies/${passwordPolicyId}/rules`)).body.find((r: { name: string }) => r.name === 'Second');
      const put = await server.api('PUT', `/api/v1/policies/${passwordPolicyId}/rules/${rule.id}`, { ...rule, name: 'Second (renamed)', priority: 2 });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ name: 'Second (renamed)', priority: 2, status: 'INACTIVE' });
      expect((await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules/${rule.id}/lifecycle/activate`)).status).toBe(204);
      expect((await server.api('GET', `/api/v1/policies/${passwordPolicyId}/rules/${rule.id}`)).body.status).toBe('ACTIVE');
      expect((await server.api('POST', `/api/v1/policies/${passwordPolicyId}/rules/${rule.id}/lifecycle/deactivate`)).status).toBe(204);
      expect((await server.api('DELETE', `/api/v1/policies/${passwordPolicyId}/rules/${rule.id}`)).status).toBe(204);
      expect((await server.api('GET', `/api/v1/policies/${passwordPolicyId}/rules/${rule.id}`)).status).toBe(404);
      expect(await eventsFor(server, rule.id)).toEqual([
        'policy.rule.add', 'policy.rule.update', 'policy.rule.activate', 'policy.rule.deactivate', 'policy.rule.delete',
      ]);
      const left = (await server.api('GET', `/api/v1/policies/${passwordPolicyId}/rules`)).body;
      expect(left.map((r: { name: string; priority: number }) => `${r.priority}:${r.name}`)).toEqual(['1:No reset']);
    });

    it('never deletes or deactivates a system rule', async () => {
      const def = (await server.api('GET', '/api/v1/policies?type=PASSWORD')).body.find((p: { system: boolean }) => p.system);
      const rule = (await server.api('GET', `/api/v1/policies/${def.id}/rules`)).body[0];
      expect(rule.system).toBe(true);
      expect((await server.api('DELETE', `/api/v1/policies/${def.id}/rules/${rule.id}`)).status).toBe(400);
      expect((await server.api('POST', `/api/v1/policies/${def.id}/rules/${rule.id}/lifecycle/deactivate`)).status).toBe(400);
      expect((await server.api('GET', `/api/v1/policies/${def.id}/rules/${rule.id}`)).body.status).toBe('ACTIVE');
      // A new rule goes before the catch-all.
      const added = await server.api('POST', `/api/v1/policies/${def.id}/rules`, { name: 'Before catch-all', priority: 5 });
      expect(added.body.priority).toBe(1);
      expect((await server.api('GET', `/api/v1/policies/${def.id}/rules/${rule.id}`)).body.priority).toBe(2);
    });
  });

  describe('PROFILE_ENROLLMENT rule', () => {
    const put = (actions: unknown, extra: Record<string, unknown> = {}) =>
      server.api('PUT', `/api/v1/policies/${enrollment.policyId}/rules/${enrollment.ruleId}`, { ...enrollment.rule, ...extra, actions });

    it('allows self-service registration with a hook, a target group and attributes; getProfileEnrollment sees it', async () => {
      const hookId = await insertInlineHook(server, 'com.okta.user.pre-registration');
      const group = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Registered' } })).body;
      const profileAttributes = [
        { name: 'email', label: 'Email', required: true },
        { name: 'firstName', label: 'First name', required: true },
        { name: 'favoriteColor', label: 'Favourite colour' },
        { name: 'lastName', label: 'Last name', required: true },
      ];
      const res = await put({
        profileEnrollment: {
          access: 'ALLOW', unknownUserAction: 'REGISTER', profileAttributes, targetGroupIds: [group.id],
          preRegistrationInlineHooks: [{ inlineHookId: hookId }], activationRequirements: { emailVerification: false },
          progressiveProfilingAction: 'ENABLED',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body.actions.profileEnrollment).toMatchObject({
        access: 'ALLOW', unknownUserAction: 'REGISTER', targetGroupIds: [group.id], preRegistrationInlineHooks: [{ inlineHookId: hookId }],
        activationRequirements: { emailVerification: false }, progressiveProfilingAction: 'ENABLED', allowedIdentifiers: ['login'],
      });
      expect(res.body.actions.profileEnrollment.profileAttributes[2]).toEqual({ name: 'favoriteColor', label: 'Favourite colour', required: false });
      expect((await eventsFor(server, enrollment.ruleId)).at(-1)).toBe('policy.rule.update');

      const found = await getProfileEnrollment(server.ctx, server.ctx.db);
      expect(found).toMatchObject({
        policy: { id: enrollment.policyId, name: 'Default Policy' }, rule: { id: enrollment.ruleId },
        action: { unknownUserAction: 'REGISTER', targetGroupIds: [group.id], preRegistrationInlineHooks: [{ inlineHookId: hookId }] },
      });
      expect(await getProfileEnrollment(server.ctx, server.ctx.db, enrollment.policyId)).toEqual(found);
      expect(await getProfileEnrollment(server.ctx, server.ctx.db, 'rstnothere')).toBeUndefined();

      // Fields left out keep their value; null clears the optional lists.
      const partial = await put({ profileEnrollment: { preRegistrationInlineHooks: null } });
      expect(partial.body.actions.profileEnrollment).toMatchObject({ unknownUserAction: 'REGISTER', targetGroupIds: [group.id], preRegistrationInlineHooks: null });
    });

    it('rejects what Okta rejects, with all causes, and changes nothing', async () => {
      const otherHook = await insertInlineHook(server, 'com.okta.oauth2.tokens.transform');
      const everyone = (await server.api('GET', '/api/v1/groups?q=Everyone')).body[0].id;
      const before = await rulesSnapshot(server);
      const eleven = Array.from({ length: 11 }, (_, i) => ({ name: i === 0 ? 'email' : `a${i}`, label: `A${i}`, required: true }));
      const res = await put({
        profileEnrollment: {
          access: 'DENY', unknownUserAction: 'MAYBE', profileAttributes: eleven,
          targetGroupIds: ['00gmissing0000000000', everyone], preRegistrationInlineHooks: [{ inlineHookId: otherHook }],
          activationRequirements: { emailVerification: 'yes' }, progressiveProfilingAction: 'SOMETIMES', enrollAuthenticatorTypes: ['sms'],
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      const f = 'actions.profileEnrollment';
      expect(causes(res.body)).toEqual([
        `${f}.access: The access property cannot be set to DENY`,
        `${f}.unknownUserAction: 'MAYBE' is not a valid value; expected one of REGISTER, DENY`,
        `${f}.progressiveProfilingAction: 'SOMETIMES' is not a valid value; expected one of ENABLED, DISABLED`,
        `${f}.profileAttributes: A maximum of 10 profile attributes is supported`,
        `${f}.targetGroupIds: At most one group can be specified`,
        `${f}.preRegistrationInlineHooks: Inline hook ${otherHook} is not of type com.okta.user.pre-registration`,
        `${f}.activationRequirements.emailVerification: The field must be a boolean`,
        `${f}.enrollAuthenticatorTypes: The only valid value is 'password'`,
      ]);

      const noEmail = await put({ profileEnrollment: { profileAttributes: [{ name: 'firstName', label: 'First', required: true }] } });
      expect(causes(noEmail.body)).toEqual([`${f}.profileAttributes: The email attribute must be included`]);
      const optionalEmail = await put({ profileEnrollment: { profileAttributes: [{ name: 'email', label: 'Email', required: false }] } });
      expect(causes(optionalEmail.body)).toEqual([`${f}.profileAttributes: The email attribute must be required`]);
      const badEntries = await put({ profileEnrollment: { profileAttributes: [{ name: 'email', label: 'Email', required: true }, { name: 'email', label: '' }, 'x'] } });
      expect(causes(badEntries.body)).toEqual([
        `${f}.profileAttributes[1].name: The attribute email is listed more than once`,
        `${f}.profileAttributes[1].label: The field cannot be left blank`,
        `${f}.profileAttributes[2]: The entry must be an object with name, label and required`,
      ]);
      const missingGroup = await put({ profileEnrollment: { targetGroupIds: ['00gmissing0000000000'] } });
      expect(causes(missingGroup.body)).toEqual([`${f}.targetGroupIds: Group 00gmissing0000000000 does not exist`]);
      const builtIn = await put({ profileEnrollment: { targetGroupIds: [everyone] } });
      expect(causes(builtIn.body)).toEqual([`${f}.targetGroupIds: Users can be added only to groups of type OKTA_GROUP`]);
      const missingHook = await put({ profileEnrollment: { preRegistrationInlineHooks: [{ inlineHookId: 'calmissing' }] } });
      expect(causes(missingHook.body)).toEqual([`${f}.preRegistrationInlineHooks: Inline hook calmissing does not exist`]);
      const twoHooks = await put({ profileEnrollment: { preRegistrationInlineHooks: [{ inlineHookId: 'a' }, { inlineHookId: 'b' }] } });
      expect(causes(twoHooks.body)).toEqual([`${f}.preRegistrationInlineHooks: At most one inline hook can be specified`]);
      const conditions = await put({ profileEnrollment: {} }, { conditions: { people: {} } });
      expect(causes(conditions.body)).toEqual(["conditions: Policy rule conditions aren't supported for this policy type"]);
      const wrongType = await put({ profileEnrollment: {} }, { type: 'PASSWORD' });
      expect(wrongType.status).toBe(400);

      expect(await rulesSnapshot(server)).toBe(before);
    });
  });
});
