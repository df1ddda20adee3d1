import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { all, sdkClient, sdkError } from './helpers/okta-sdk.js';


describe('official Okta Node SDK against the Groups and Policies APIs', () => {
  let server: TestServer;
  let client: okta.Client;
  const userIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    client = sdkClient(server);
    for (const name of ['dana', 'eli', 'fay']) {
      const res = await server.api('POST', '/api/v1/users?activate=true', {
        profile: { firstName: name, lastName: 'Sdk', email: `${name}@example.com`, login: `${name}@example.com` },
        credentials: { password: { value: 'Tr0ub4dor&3-long' } },
      });
      expect(res.status).toBe(200);
      userIds.push(res.body.id);
    }
  });
  afterAll(async () => { await server?.close(); });

  it('creates groups and pages through them (limit 2 over 5 groups)', async () => {
    const created = [];
    for (const n of [1, 2, 3, 4, 5]) {
      created.push(await client.groupApi.createGroup({ group: { profile: { name: `SDK group ${n}`, description: `number ${n}` } } }));
    }
    expect(created[0].id).toMatch(/^00g/);
    expect(created[0].type).toBe('OKTA_GROUP');
    expect(created[0].profile?.name).toBe('SDK group 1');
    expect(created[0].created).toBeInstanceOf(Date);

    const listed = await all(await client.groupApi.listGroups({ q: 'SDK group', limit: 2 }));
    expect(listed.map((g) => g.profile?.name).sort()).toEqual(['SDK group 1', 'SDK group 2', 'SDK group 3', 'SDK group 4', 'SDK group 5']);
    const searched = await all(await client.groupApi.listGroups({ search: 'profile.description eq "number 3"', limit: 2 }));
    expect(searched.map((g) => g.id)).toEqual([created[2].id]);
    const everything = await all(await client.groupApi.listGroups({ limit: 2 }));
    expect(everything.map((g) => g.profile?.name)).toContain('Everyone');
    expect(everything).toHaveLength(6);
  });

  it('replaces, reads and deletes a group; errors come back as OktaApiError', async () => {
    const group = await client.groupApi.createGroup({ group: { profile: { name: 'SDK rename me' } } });
    const replaced = await client.groupApi.replaceGroup({ groupId: group.id!, group: { profile: { name: 'SDK renamed', description: 'done' } } });
    expect(replaced.profile).toMatchObject({ name: 'SDK renamed', description: 'done' });
    const read = await client.groupApi.getGroup({ groupId: group.id! });
    expect(read.profile?.name).toBe('SDK renamed');

    const dup = await sdkError(client.groupApi.createGroup({ group: { profile: { name: 'sdk RENAMED' } } }));
    expect(dup.status).toBe(400);
    expect(dup.errorCode).toBe('E0000001');
    expect(dup.errorCauses[0].errorSummary).toBe('name: An object with this field already exists in the current organization');

    await client.groupApi.deleteGroup({ groupId: group.id! });
    const gone = await sdkError(client.groupApi.getGroup({ groupId: group.id! }));
    expect(gone.status).toBe(404);
    expect(gone.errorCode).toBe('E0000007');
  });

  it('assigns, lists (paged) and unassigns members', async () => {
    const group = await client.groupApi.createGroup({ group: { profile: { name: 'SDK members' } } });
    for (const userId of userIds) await client.groupApi.assignUserToGroup({ groupId: group.id!, userId });
    const members = await all(await client.groupApi.listGroupUsers({ groupId: group.id!, limit: 2 }));
    expect(members.map((u) => u.id).sort()).toEqual([...userIds].sort());
    expect(members[0].status).toBe('ACTIVE');
    expect(members.map((u) => u.profile?.login).sort()).toEqual(['dana@example.com', 'eli@example.com', 'fay@example.com']);

    await client.groupApi.unassignUserFromGroup({ groupId: group.id!, userId: userIds[1] });
    const left = await all(await client.groupApi.listGroupUsers({ groupId: group.id! }));
    expect(left.map((u) => u.id).sort()).toEqual([userIds[0], userIds[2]].sort());

    const events = await server.ctx.db.selectFrom('system_log').select('event_type')
      .where('target_ids', 'like', `% ${group.id} %`).orderBy('published').orderBy('uuid').execute();
    expect(events.map((e) => e.event_type)).toEqual([
      'group.lifecycle.create', 'group.user_membership.add', 'group.user_membership.add', 'group.user_membership.add', 'group.user_membership.remove',
    ]);
  });

  it('reads and updates the profile enrollment policy rule through policyApi', async () => {
    const policies = await all(await client.policyApi.listPolicies({ type: 'PROFILE_ENROLLMENT' }));
    expect(policies).toHaveLength(1);
    const policy = policies[0];
    expect(policy).toMatchObject({ type: 'PROFILE_ENROLLMENT', name: 'Default Policy', system: true, status: 'ACTIVE' });
    const fetched = await client.policyApi.getPolicy({ policyId: policy.id! });
    expect(fetched.id).toBe(policy.id);

    const rules = await all(await client.policyApi.listPolicyRules({ policyId: policy.id! }));
    expect(rules).toHaveLength(1);
    const rule = await client.policyApi.getPolicyRule({ policyId: policy.id!, ruleId: rules[0].id! }) as okta.ProfileEnrollmentPolicyRule;
    expect(rule.actions?.profileEnrollment?.unknownUserAction).toBe('DENY');

    const group = await client.groupApi.createGroup({ group: { profile: { name: 'SDK self-registered' } } });
    const action = rule.actions!.profileEnrollment!;
    action.unknownUserAction = 'REGISTER';
    action.targetGroupIds = [group.id!];
    action.profileAttributes = [
      { name: 'email', label: 'Email', required: true },
      { name: 'firstName', label: 'First name', required: true },
      { name: 'lastName', label: 'Last name', required: false },
    ];
    const updated = await client.policyApi.replacePolicyRule({ policyId: policy.id!, ruleId: rule.id!, policyRule: rule }) as okta.ProfileEnrollmentPolicyRule;
    expect(updated.actions?.profileEnrollment).toMatchObject({ unknownUserAction: 'REGISTER', targetGroupIds: [group.id] });
    const reread = await client.policyApi.getPolicyRule({ policyId: policy.id!, ruleId: rule.id! }) as okta.ProfileEnrollmentPolicyRule;
    expect(reread.actions?.profileEnrollment?.profileAttributes).toHaveLength(3);

    action.preRegistrationInlineHooks = [{ inlineHookId: 'calnothere0000000000' }];
    const refused = await sdkError(client.policyApi.replacePolicyRule({ policyId: policy.id!, ruleId: rule.id!, policyRule: rule }));
    expect(refused.status).toBe(400);
    expect(refused.errorCode).toBe('E0000001');
    const unchanged = await client.policyApi.getPolicyRule({ policyId: policy.id!, ruleId: rule.id! }) as okta.ProfileEnrollmentPolicyRule;
    expect(unchanged.actions?.profileEnrollment?.preRegistrationInlineHooks ?? null).toBeNull();
  });

  it('creates, deactivates and deletes a PASSWORD policy with a rule through policyApi', async () => {
    const policy = await client.policyApi.createPolicy({
      policy: { type: 'PASSWORD', name: 'SDK passwords', settings: { password: { complexity: { minLength: 14 } } } } as okta.PasswordPolicy,
    }) as okta.PasswordPolicy;
    expect(policy.settings?.password?.complexity?.minLength).toBe(14);
    const rule = await client.policyApi.createPolicyRule({
      policyId: policy.id!, policyRule: { type: 'PASSWORD', name: 'SDK rule', actions: { passwordChange: { access: 'ALLOW' } } } as okta.PasswordPolicyRule,
    });
    expect(rule.status).toBe('ACTIVE');
    await client.policyApi.deactivatePolicyRule({ policyId: policy.id!, ruleId: rule.id! });
    expect((await client.policyApi.getPolicyRule({ policyId: policy.id!, ruleId: rule.id! })).status).toBe('INACTIVE');
    await client.policyApi.deactivatePolicy({ policyId: policy.id! });
    expect((await client.policyApi.getPolicy({ policyId: policy.id! })).status).toBe('INACTIVE');
    await client.policyApi.deletePolicy({ policyId: policy.id! });
    expect((await sdkError(client.policyApi.getPolicy({ policyId: policy.id! }))).status).toBe(404);
  });
});
