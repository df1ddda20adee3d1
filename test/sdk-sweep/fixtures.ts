import type { TestServer } from '../helpers/server.js';

let serial = 0;
/** An ACTIVE user with a password, for operations that need one. */
export async function newUser(server: TestServer): Promise<{ id: string; login: string }> {
  serial += 1;
  const login = `sweep.${serial}.${Date.now()}@example.com`;
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { login, email: login, firstName: 'Sweep', lastName: `User ${serial}` },
    credentials: { password: { value: 'Sunny-Day-42' } },
  });
  return { id: res.body.id, login };
}
