/** `/api/v1/hook-keys` (reference §4.7): create, list, get (optionally with the public key), public key by `keyId`, rename, delete. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { auditOf } from '../../identity/auth.js';
import {
  createHookKey, deleteHookKey, getHookKey, getPublicKey, hookKeyIdsInUse, listHookKeys, renameHookKey, toOktaHookKey,
} from './hook-keys.service.js';
import { HookKey, HookKeyPublicKey } from './hook-key.schema.js';

const Params = Type.Object({ hookKeyId: Type.String({ maxLength: 64 }) });
const PublicParams = Type.Object({ keyId: Type.String({ maxLength: 64 }) });
const GetQuery = Type.Object({ expand: Type.Optional(Type.String({ maxLength: 64 })) });
/** Okta's `KeyRequest`. */
const KeyRequest = Type.Object({ name: Type.Optional(Type.Unknown()) });

export async function hookKeyRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/hook-keys', { schema: { response: { 200: Type.Array(HookKey) } } }, async () => {
    const used = await hookKeyIdsInUse(ctx.db);
    return (await listHookKeys(ctx.db)).map((row) => toOktaHookKey(row, used.has(row.id), false));
  });

  app.post('/hook-keys', { schema: { body: KeyRequest, response: { 200: HookKey } } }, async (request) => createHookKey(ctx, auditOf(request), request.body));

  app.get('/hook-keys/public/:keyId', { schema: { params: PublicParams, response: { 200: HookKeyPublicKey } } }, async (request) => getPublicKey(ctx.db, request.params.keyId));

  app.get('/hook-keys/:hookKeyId', { schema: { params: Params, querystring: GetQuery, response: { 200: HookKey } } }, async (request) => {
    const { expand } = request.query;
    if (expand !== undefined && expand !== 'publickey') throw errors.validation('expand', [`expand: Unsupported value '${expand}'. Supported: publickey`]);
    const row = await getHookKey(ctx.db, request.params.hookKeyId);
    return toOktaHookKey(row, (await hookKeyIdsInUse(ctx.db)).has(row.id), expand === 'publickey');
  });

  app.put('/hook-keys/:hookKeyId', { schema: { params: Params, body: KeyRequest, response: { 200: HookKey } } }, async (request) => {
    return renameHookKey(ctx, auditOf(request), request.params.hookKeyId, request.body);
  });

  app.delete('/hook-keys/:hookKeyId', { schema: { params: Params } }, async (request, reply) => {
    await deleteHookKey(ctx, auditOf(request), request.params.hookKeyId);
    return reply.status(204).send();
  });
}
