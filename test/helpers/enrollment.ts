import { expect } from 'vitest';
import type { TestServer } from './server.js';

/**
 * Attaches a registration inline hook to the default user profile policy, as an admin does through Okta's
 * policies API: self-service registration allowed, Okta's default form (email, first and last name), no email
 * verification. Returns the policy's id (the registration endpoint's path takes it).
 */
export async function useRegistrationHook(server: TestServer, hookId: string): Promise<string> {
  const policies = await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
  expect(policies.status).toBe(200);
  const policyId: string = policies.body[0].id;
  const rule = (await server.api('GET', `/api/v1/policies/${policyId}/rules`)).body[0];
  const updated = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${rule.id}`, {
    name: rule.name, type: 'PROFILE_ENROLLMENT',
    actions: { profileEnrollment: {
      access: 'ALLOW', unknownUserAction: 'REGISTER', preRegistrationInlineHooks: [{ inlineHookId: hookId }],
      profileAttributes: [
        { name: 'firstName', label: 'First name', required: true },
        { name: 'lastName', label: 'Last name', required: true },
        { name: 'email', label: 'Email', required: true },
      ],
      activationRequirements: { emailVerification: false },
    } },
  });
  expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  return policyId;
}
