import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { getUserSchema, profileAttributeNames, validateProfile } from './profile-schema.service.js';

const BASE_NAMES = [
  'login', 'firstName', 'lastName', 'middleName', 'honorificPrefix', 'honorificSuffix', 'email', 'title', 'displayName', 'nickName',
  'profileUrl', 'secondEmail', 'mobilePhone', 'primaryPhone', 'streetAddress', 'city', 'state', 'zipCode', 'countryCode', 'postalAddress',
  'preferredLanguage', 'locale', 'timezone', 'userType', 'employeeNumber', 'costCenter', 'organization', 'division', 'department',
  'managerId', 'manager',
];

function profileOf(name: string, extra: Record<string, unknown> = {}) {
  return { firstName: name, lastName: 'Schema', email: `${name}@example.com`, login: `${name}@example.com`, ...extra };
}

describe('Profile schema API', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  const addCustom = (properties: Record<string, unknown>) => server.api('POST', '/api/v1/meta/schemas/user/default', { definitions: { custom: { id: '#custom', type: 'object', properties } } });
  const storedSchema = async () => (await server.ctx.db.selectFrom('user_schemas').selectAll().where('id', '=', 'default').executeTakeFirstOrThrow());

  it('serves Okta\'s default user schema with every base attribute', async () => {
    const res = await server.api('GET', '/api/v1/meta/schemas/user/default');
    expect(res.status).toBe(200);
    const schema = res.body;
    expect(schema).toMatchObject({
      id: `${server.ctx.config.issuer}/meta/schemas/user/default`,
      $schema: 'http://json-schema.org/draft-04/schema#',
      name: 'user', title: 'Default Okta user', type: 'object',
      properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
    });
    expect(Object.keys(schema.definitions.base.properties)).toEqual(BASE_NAMES);
    expect(schema.definitions.base).toMatchObject({ id: '#base', type: 'object', required: ['login', 'firstName', 'lastName', 'email'] });
    expect(schema.definitions.base.properties.login).toEqual({
      title: 'Username', type: 'string', required: true, minLength: 5, maxLength: 100, pattern: null,
      mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }], master: { type: 'PROFILE_MASTER' },
    });
    expect(schema.definitions.base.properties.email).toMatchObject({ title: 'Primary email', required: true, format: 'email' });
    expect(schema.definitions.base.properties.userType).toMatchObject({ title: 'User type', type: 'string' });
    expect(schema.definitions.custom).toEqual({ id: '#custom', type: 'object', properties: {}, required: [] });
  });

  it('serves the same schema under the default type\'s schema id (as users\' _links.schema name it)', async () => {
    const user = await server.api('POST', '/api/v1/users', { profile: profileOf('linked') });
    const path = new URL(user.body._links.schema.href).pathname;
    const res = await server.api('GET', path);
    expect(res.status).toBe(200);
    expect(res.body.definitions.base.required).toEqual(['login', 'firstName', 'lastName', 'email']);
    expect((await server.api('GET', '/api/v1/meta/schemas/user/oscNoSuchSchema00000')).status).toBe(404);
  });

  it('adds custom attributes of every type with Okta\'s defaults, and validates profiles against them', async () => {
    const res = await addCustom({
      employeeLevel: { title: 'Level', type: 'string', enum: ['junior', 'senior'], oneOf: [{ const: 'junior', title: 'Junior' }, { const: 'senior', title: 'Senior' }] },
      badgeCode: { title: 'Badge', type: 'string', minLength: 3, maxLength: 6, required: true },
      floor: { title: 'Floor', type: 'integer' },
      rating: { title: 'Rating', type: 'number' },
      vip: { title: 'VIP', type: 'boolean', description: 'Very important' },
      languages: { title: 'Languages', type: 'array', items: { type: 'string', enum: ['en', 'fr', 'de'] } },
      nickname2: { title: 'Handle', type: 'string', unique: true },
    });
    expect(res.status).toBe(200);
    const custom = res.body.definitions.custom;
    expect(custom.required).toEqual(['badgeCode']);
    expect(custom.properties.floor).toEqual({
      title: 'Floor', type: 'integer', mutability: 'READ_WRITE', scope: 'NONE',
      permissions: [{ principal: 'SELF', action: 'READ_ONLY' }], master: { type: 'PROFILE_MASTER' },
    });
    expect(custom.properties.languages.items).toEqual({ type: 'string', enum: ['en', 'fr', 'de'] });
    expect(custom.properties.nickname2.unique).toBe(true);
    expect((await server.api('GET', '/api/v1/meta/schemas/user/default')).body.definitions.custom).toEqual(custom);
    const names = await profileAttributeNames(server.ctx, server.ctx.db);
    expect(names.has('badgeCode') && names.has('login') && names.has('manager')).toBe(true);

    const ok = await server.api('POST', '/api/v1/users', { profile: profileOf('custom1', { badgeCode: 'B123', employeeLevel: 'senior', floor: 3, rating: 4.5, vip: true, languages: ['en', 'fr'], nickname2: 'ace' }) });
    expect(ok.status).toBe(200);
    expect(ok.body.profile).toMatchObject({ badgeCode: 'B123', floor: 3, rating: 4.5, vip: true, languages: ['en', 'fr'] });

    const bad = await server.api('POST', '/api/v1/users', { profile: profileOf('custom2', { employeeLevel: 'boss', floor: 2.5, rating: 'high', vip: 'yes', languages: ['en', 'xx'], badgeCode: 'B1', nickname2: 'ACE' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual([
      'employeeLevel: Does not match required enum value',
      'badgeCode: The field is too short (minimum length: 3)',
      'floor: The value must be of type integer',
      'rating: The value must be of type number',
      'vip: The value must be of type boolean',
      'languages: Does not match required enum value',
      'nickname2: An object with this field already exists in the current organization',
    ]);
    const missing = await server.api('POST', '/api/v1/users', { profile: profileOf('custom3') });
    expect(missing.body.errorCauses).toEqual([{ errorSummary: 'badgeCode: The field cannot be left blank' }]);

    const direct = await validateProfile(server.ctx, server.ctx.db, { floor: 1 }, { partial: true });
    expect(direct).toEqual([]);
    expect(await validateProfile(server.ctx, server.ctx.db, { nickname2: 'Ace' }, { partial: true, userId: ok.body.id })).toEqual([]);
  });

  it('changes and removes custom attributes (null removes it and its values from profiles)', async () => {
    await addCustom({ shirtSize: { title: 'Shirt', type: 'string' } });
    const user = await server.api('POST', '/api/v1/users', { profile: profileOf('shirt', { badgeCode: 'S001', shirtSize: 'M' }) });
    expect(user.body.profile.shirtSize).toBe('M');

    const changed = await addCustom({ shirtSize: { title: 'Shirt size', type: 'string', enum: ['S', 'M', 'L'] } });
    expect(changed.body.definitions.custom.properties.shirtSize).toMatchObject({ title: 'Shirt size', enum: ['S', 'M', 'L'] });

    const removed = await addCustom({ shirtSize: null });
    expect(removed.status).toBe(200);
    expect(removed.body.definitions.custom.properties.shirtSize).toBeUndefined();
    const after = await server.api('GET', `/api/v1/users/${user.body.id}`);
    expect(after.body.profile.shirtSize).toBeUndefined();
    expect(after.body.profile.badgeCode).toBe('S001');
    // The profile is valid again for partial updates.
    expect((await server.api('POST', `/api/v1/users/${user.body.id}`, { profile: { nickName: 'Shirtless' } })).status).toBe(200);
    const refused = await server.api('POST', `/api/v1/users/${user.body.id}`, { profile: { shirtSize: 'L' } });
    expect(refused.body.errorCauses).toEqual([{ errorSummary: "Property name 'shirtSize' is not defined in profile" }]);
  });

  it('refuses bad attribute definitions with E0000001 and changes nothing', async () => {
    const before = await storedSchema();
    const bad: Array<Record<string, unknown>> = [
      { x1: { title: 'No type' } },
      { x2: { title: 'Bad type', type: 'date' } },
      { x3: { type: 'string' } },
      { x4: { title: 'Enum type', type: 'integer', enum: ['a'] } },
      { x5: { title: 'Lengths', type: 'string', minLength: 5, maxLength: 2 } },
      { x6: { title: 'Array', type: 'array' } },
      { x7: { title: 'Length on int', type: 'integer', maxLength: 3 } },
      { email: { title: 'Clash', type: 'string' } },
      { FirstName: { title: 'Clash by case', type: 'string' } },
      { BADGECODE: { title: 'Clash custom by case', type: 'string' } },
      { '9lives': { title: 'Bad name', type: 'string' } },
      { floor: { title: 'Type change', type: 'string' } },
      { x8: { title: 'Unknown key', type: 'string', colour: 'red' } },
      { x9: { title: 'Bad regex', type: 'string', pattern: '(' } },
      { x10: { title: 'Perm', type: 'string', permissions: [{ principal: 'SELF', action: 'DELETE' }] } },
      { x11: { title: 'oneOf', type: 'string', enum: ['a', 'b'], oneOf: [{ const: 'a', title: 'A' }] } },
      { x12: 'not an object' },
    ];
    for (const properties of bad) {
      const res = await addCustom(properties);
      expect(res.status, JSON.stringify(properties)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      // Each cause names the attribute that is wrong.
      expect(res.body.errorCauses[0].errorSummary.startsWith(Object.keys(properties)[0])).toBe(true);
    }
    const after = await storedSchema();
    expect(after).toEqual(before);
    // One bad attribute among good ones: nothing is applied.
    const mixed = await addCustom({ good: { title: 'Good', type: 'string' }, bad: { title: 'Bad', type: 'nope' } });
    expect(mixed.status).toBe(400);
    expect((await storedSchema()).custom).toEqual(before.custom);
  });

  it('lets admins change base attribute permissions, title and the login pattern, and nothing else', async () => {
    const res = await server.api('POST', '/api/v1/meta/schemas/user/default', {
      definitions: { base: { properties: {
        nickName: { title: 'Alias', permissions: [{ principal: 'SELF', action: 'READ_ONLY' }] },
        login: { pattern: '.+' },
      } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.definitions.base.properties.nickName).toMatchObject({ title: 'Alias', permissions: [{ principal: 'SELF', action: 'READ_ONLY' }], type: 'string' });
    // With the pattern `.+` a login need not be an email address.
    const user = await server.api('POST', '/api/v1/users', { profile: { firstName: 'Plain', lastName: 'Login', email: 'plain@example.com', login: 'plainlogin', badgeCode: 'P01' } });
    expect(user.status).toBe(200);

    // Sending the schema back unchanged is accepted (the usual get-modify-post round trip).
    const whole = (await server.api('GET', '/api/v1/meta/schemas/user/default')).body;
    expect((await server.api('POST', '/api/v1/meta/schemas/user/default', whole)).status).toBe(200);

    const before = await storedSchema();
    for (const properties of [{ email: { type: 'integer' } }, { email: null }, { city: { required: true } }, { notBase: { title: 'x', type: 'string' } }, { login: { pattern: '[' } }]) {
      const bad = await server.api('POST', '/api/v1/meta/schemas/user/default', { definitions: { base: { properties } } });
      expect(bad.status, JSON.stringify(properties)).toBe(400);
      expect(bad.body.errorCauses[0].errorSummary.startsWith(Object.keys(properties)[0])).toBe(true);
      expect(bad.body.errorCode).toBe('E0000001');
    }
    expect(await storedSchema()).toEqual(before);
    await server.api('POST', '/api/v1/meta/schemas/user/default', { definitions: { base: { properties: { login: { pattern: null } } } } });
    const schema = await getUserSchema(server.ctx, server.ctx.db);
    expect(schema.definitions.base.properties.login.pattern).toBeNull();
  });

  it('gives each user type its own schema', async () => {
    const type = await server.api('POST', '/api/v1/meta/types/user', { name: 'partner', displayName: 'Partner' });
    const schemaPath = new URL(type.body._links.schema.href).pathname;
    const schema = await server.api('GET', schemaPath);
    expect(schema.body).toMatchObject({ name: 'partner', title: 'Partner', definitions: { custom: { properties: {} } } });
    const added = await server.api('POST', schemaPath, { definitions: { custom: { properties: { partnerCode: { title: 'Partner code', type: 'string', required: true } } } } });
    expect(added.status).toBe(200);
    expect((await server.api('GET', '/api/v1/meta/schemas/user/default')).body.definitions.custom.properties.partnerCode).toBeUndefined();
    const partner = await server.api('POST', '/api/v1/users', { profile: profileOf('partner1', { partnerCode: 'P-1' }), type: { id: type.body.id } });
    expect(partner.status).toBe(200);
    const notPartner = await server.api('POST', '/api/v1/users', { profile: profileOf('partner2', { partnerCode: 'P-2', badgeCode: 'B22' }) });
    expect(notPartner.body.errorCauses).toEqual([{ errorSummary: "Property name 'partnerCode' is not defined in profile" }]);
  });
});
