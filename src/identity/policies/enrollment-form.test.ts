import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { up as addDefaultForm } from '../../platform/db/migrations/0014_default_enrollment_form.js';

const OLD_DEFAULT = [{ name: 'email', label: 'Email', required: true }];

describe('the default sign-up form of an org created before Okta\'s form was the default', () => {
  let server: TestServer;
  let ruleId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const policyId = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0].id;
    ruleId = (await server.api('GET', `/api/v1/policies/${policyId}/rules`)).body[0].id;
  });
  afterAll(async () => { await server?.close(); });

  async function setForm(profileAttributes: unknown): Promise<void> {
    const row = await server.ctx.db.selectFrom('policy_rules').select('actions').where('id', '=', ruleId).executeTakeFirstOrThrow();
    const actions = JSON.parse(row.actions);
    actions.profileEnrollment.profileAttributes = profileAttributes;
    await server.ctx.db.updateTable('policy_rules').set({ actions: JSON.stringify(actions) }).where('id', '=', ruleId).execute();
  }
  async function form(): Promise<unknown> {
    const row = await server.ctx.db.selectFrom('policy_rules').select('actions').where('id', '=', ruleId).executeTakeFirstOrThrow();
    return JSON.parse(row.actions).profileEnrollment.profileAttributes;
  }

  it('gets email, first and last name from the migration when it holds exactly the old default', async () => {
    await setForm(OLD_DEFAULT);
    await addDefaultForm(server.ctx.db as unknown as Kysely<unknown>);
    expect(await form()).toEqual([
      { name: 'email', label: 'Email', required: true },
      { name: 'firstName', label: 'First name', required: true },
      { name: 'lastName', label: 'Last name', required: true },
    ]);
  });

  it("leaves an admin's own form alone", async () => {
    const own = [{ name: 'email', label: 'Work email', required: true }];
    await setForm(own);
    await addDefaultForm(server.ctx.db as unknown as Kysely<unknown>);
    expect(await form()).toEqual(own);
  });
});
