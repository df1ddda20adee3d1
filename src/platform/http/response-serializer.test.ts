import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { AsIs } from '../schema-kit.js';
import { buildSerializer, serializable } from './response-serializer.js';

describe('response serializer', () => {
  it('writes keys in the schema\'s order, an optional one before required ones included, and skips absent ones', async () => {
    const app = Fastify({ logger: false, schemaController: { compilersFactory: { buildSerializer } } });
    const schema = Type.Object({
      id: Type.String(),
      note: Type.Optional(Type.String()),
      credentials: Type.Object({ password: Type.Optional(Type.Object({})), provider: Type.Object({ type: Type.String() }) }),
    });
    app.get('/x', { schema: { response: { 200: schema } } }, async (request) => (
      (request.query as { note?: string }).note
        ? { id: 'a', note: 'n', credentials: { password: {}, provider: { type: 'OKTA' } } }
        : { id: 'a', credentials: { provider: { type: 'OKTA' } } }
    ));
    expect((await app.inject('/x?note=1')).body).toBe('{"id":"a","note":"n","credentials":{"password":{},"provider":{"type":"OKTA"}}}');
    expect((await app.inject('/x')).body).toBe('{"id":"a","credentials":{"provider":{"type":"OKTA"}}}');
  });

  it('drops the required keyword only, not a property or a value named required', () => {
    const schema = Type.Object({
      required: Type.Boolean(),
      enum: Type.Object({ a: Type.String() }),
      tags: Type.Array(Type.String(), { default: ['required'] }),
    });
    expect(serializable(schema)).toEqual({
      type: 'object',
      properties: {
        required: { type: 'boolean' },
        enum: { type: 'object', properties: { a: { type: 'string' } } },
        tags: { type: 'array', items: { type: 'string' }, default: ['required'] },
      },
    });
  });

  it('writes a part marked AsIs as JSON.stringify does', async () => {
    const app = Fastify({ logger: false, schemaController: { compilersFactory: { buildSerializer } } });
    const schema = Type.Object({ id: Type.String(), attr: AsIs(Type.Object({ title: Type.String(), type: Type.String() })) });
    app.get('/x', { schema: { response: { 200: schema } } }, async () => ({ id: 'a', attr: { type: 'string', title: 'T', extra: 1 } }));
    expect((await app.inject('/x')).body).toBe('{"id":"a","attr":{"type":"string","title":"T","extra":1}}');
  });
});
