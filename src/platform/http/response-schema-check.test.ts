import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { checkResponseSchemas } from './response-schema-check.js';

async function appWith(schema: ReturnType<typeof Type.Object>, body: unknown) {
  const app = Fastify({ logger: false });
  checkResponseSchemas(app);
  app.get('/x', { schema: { response: { 200: schema } } }, async () => body);
  app.get('/plain', async () => body);
  await app.ready();
  return app;
}

describe('response schema check', () => {
  it('lets an answer through when the schema leaves it as JSON.stringify writes it', async () => {
    const body = { id: 'a', note: null, profile: { z: 1, a: [true] } };
    const app = await appWith(Type.Object({
      id: Type.String(), note: Type.Union([Type.String(), Type.Null()]), profile: Type.Object({}, { additionalProperties: true }),
    }), body);
    const res = await app.inject('/x');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(JSON.stringify(body));
    expect((await app.inject('/plain')).body).toBe(JSON.stringify(body));
  });

  it.each([
    ['drops a property', Type.Object({ id: Type.String() }), { id: 'a', extra: 1 }],
    ['reorders keys', Type.Object({ b: Type.String(), a: Type.String() }), { a: 'x', b: 'y' }],
    ['coerces a value', Type.Object({ n: Type.String() }), { n: 5 }],
    ['writes a literal whatever the value', Type.Object({ k: Type.Literal('A') }), { k: 'B' }],
  ])('fails the request when the schema %s', async (_what, schema, body) => {
    const app = await appWith(schema, body);
    const res = await app.inject('/x');
    expect(res.statusCode).toBe(500);
    expect(res.json().message).toMatch(/^The response schema of GET \/x \(200\) changes the answer at \d+/);
  });
});
