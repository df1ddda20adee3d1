/** Okta's `/api/v1/authorizationServers` API: servers, keys, scopes, claims, policies and rules. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { pageParams, setLinkHeaders, takePage } from '../../platform/paging.js';
import { auditOf } from '../../identity/auth.js';
import { recordEvent } from '../../events/record-event.js';
import { listKeyRows, newSigningKey, rotateKeys, toOktaKey } from '../signing-keys.js';
import { createClaim, deleteClaim, getClaimOrThrow, listClaimRows, replaceClaim, toOktaClaim, type ClaimInput } from './claims.service.js';
import {
  createPolicy, createRule, deletePolicy, deleteRule, getPolicyOrThrow, getRuleOrThrow, listPolicyRows, listRuleRows, replacePolicy,
  replaceRule, setPolicyStatus, setRuleStatus, toOktaPolicy, toOktaRule, type PolicyInput, type RuleInput,
} from './policies.service.js';
import { createScope, deleteScope, getScopeOrThrow, listScopeRows, replaceScope, toOktaScope, type ScopeInput } from './scopes.service.js';
import {
  bumpRevision, createServer, deleteServer, getServerOrThrow, listServerRows, replaceServer, serverCursor, serverTarget, setServerStatus,
  toOktaServer, type ServerInput,
} from './servers.service.js';

const Server = Type.Object({ authServerId: Type.String({ maxLength: 100 }) });
const Scope = Type.Object({ authServerId: Type.String({ maxLength: 100 }), scopeId: Type.String({ maxLength: 100 }) });
const Claim = Type.Object({ authServerId: Type.String({ maxLength: 100 }), claimId: Type.String({ maxLength: 100 }) });
const Policy = Type.Object({ authServerId: Type.String({ maxLength: 100 }), policyId: Type.String({ maxLength: 100 }) });
const Rule = Type.Object({ authServerId: Type.String({ maxLength: 100 }), policyId: Type.String({ maxLength: 100 }), ruleId: Type.String({ maxLength: 100 }) });
const Key = Type.Object({ authServerId: Type.String({ maxLength: 100 }), keyId: Type.String({ maxLength: 100 }) });
const ListQuery = Type.Object({ q: Type.Optional(Type.String()), limit: Type.Optional(Type.String()), after: Type.Optional(Type.String()) });
const AnyObject = Type.Record(Type.String(), Type.Unknown());
const ServerBody = Type.Object({
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  audiences: Type.Optional(Type.Array(Type.String())),
  issuerMode: Type.Optional(Type.String()),
});
const ScopeBody = Type.Object({
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  displayName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  consent: Type.Optional(Type.String()),
  default: Type.Optional(Type.Boolean()),
  metadataPublish: Type.Optional(Type.String()),
  optional: Type.Optional(Type.Boolean()),
});
const ClaimBody = Type.Object({
  name: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  claimType: Type.Optional(Type.String()),
  valueType: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  alwaysIncludeInToken: Type.Optional(Type.Boolean()),
  group_filter_type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  conditions: Type.Optional(Type.Union([Type.Object({ scopes: Type.Optional(Type.Array(Type.String())) }), Type.Null()])),
});
const PolicyBody = Type.Object({
  type: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  description: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  status: Type.Optional(Type.String()),
  priority: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Union([AnyObject, Type.Null()])),
});
const RuleBody = Type.Object({
  type: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  priority: Type.Optional(Type.Integer()),
  conditions: Type.Optional(Type.Union([AnyObject, Type.Null()])),
  actions: Type.Optional(Type.Union([AnyObject, Type.Null()])),
});
const RotateBody = Type.Object({ use: Type.Optional(Type.String()) });

type P<T extends import('@sinclair/typebox').TSchema> = Static<T>;

export async function authorizationServerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const base = '/authorizationServers';

  app.get<{ Querystring: P<typeof ListQuery> }>(base, { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 200, 200);
    const page = takePage(await listServerRows(ctx.db, { q: request.query.q, limit, after }), limit, serverCursor);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return Promise.all(page.items.map((r) => toOktaServer(ctx, ctx.db, r)));
  });
  app.post<{ Body: P<typeof ServerBody> }>(base, { schema: { body: ServerBody } }, async (request, reply) => {
    const row = await createServer(ctx, auditOf(request), request.body as ServerInput);
    return reply.status(201).send(await toOktaServer(ctx, ctx.db, row));
  });
  app.get<{ Params: P<typeof Server> }>(`${base}/:authServerId`, { schema: { params: Server } }, async (request) => {
    return toOktaServer(ctx, ctx.db, await getServerOrThrow(ctx.db, request.params.authServerId));
  });
  app.put<{ Params: P<typeof Server>; Body: P<typeof ServerBody> }>(`${base}/:authServerId`, { schema: { params: Server, body: ServerBody } }, async (request) => {
    return toOktaServer(ctx, ctx.db, await replaceServer(ctx, auditOf(request), request.params.authServerId, request.body as ServerInput));
  });
  app.delete<{ Params: P<typeof Server> }>(`${base}/:authServerId`, { schema: { params: Server } }, async (request, reply) => {
    await deleteServer(ctx, auditOf(request), request.params.authServerId);
    return reply.status(204).send();
  });
  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'INACTIVE']] as const) {
    app.post<{ Params: P<typeof Server> }>(`${base}/:authServerId/lifecycle/${action}`, { schema: { params: Server } }, async (request, reply) => {
      await setServerStatus(ctx, auditOf(request), request.params.authServerId, status);
      return reply.status(204).send();
    });
  }

  // Signing keys
  app.get<{ Params: P<typeof Server> }>(`${base}/:authServerId/credentials/keys`, { schema: { params: Server } }, async (request) => {
    const server = await getServerOrThrow(ctx.db, request.params.authServerId);
    return (await listKeyRows(ctx.db, server.id)).map((k) => toOktaKey(ctx, server.id, k));
  });
  app.get<{ Params: P<typeof Key> }>(`${base}/:authServerId/credentials/keys/:keyId`, { schema: { params: Key } }, async (request) => {
    const server = await getServerOrThrow(ctx.db, request.params.authServerId);
    const key = (await listKeyRows(ctx.db, server.id)).find((k) => k.id === request.params.keyId);
    if (!key) throw errors.notFound('AuthorizationServerJsonWebKey', request.params.keyId);
    return toOktaKey(ctx, server.id, key);
  });
  app.post<{ Params: P<typeof Server>; Body: P<typeof RotateBody> }>(`${base}/:authServerId/credentials/lifecycle/keyRotate`, { schema: { params: Server, body: RotateBody } }, async (request) => {
    const server = await getServerOrThrow(ctx.db, request.params.authServerId);
    if (request.body.use !== undefined && request.body.use !== 'sig') throw errors.validation('use', ["use: The only key use is 'sig'"]);
    const fresh = await newSigningKey(ctx, server.id, 'ACTIVE');
    await ctx.db.transaction().execute(async (trx) => {
      await rotateKeys(trx, server.id, fresh);
      await bumpRevision(trx, server.id);
      await recordEvent(ctx, trx, auditOf(request), { eventType: 'app.oauth2.as.key.rollover', displayMessage: 'Custom Authorization Server token signing key rolled over', target: [serverTarget(server)] });
    });
    return (await listKeyRows(ctx.db, server.id)).map((k) => toOktaKey(ctx, server.id, k));
  });

  // Scopes
  app.get<{ Params: P<typeof Server>; Querystring: P<typeof ListQuery> }>(`${base}/:authServerId/scopes`, { schema: { params: Server, querystring: ListQuery } }, async (request) => {
    await getServerOrThrow(ctx.db, request.params.authServerId);
    return (await listScopeRows(ctx.db, request.params.authServerId, request.query.q)).map((r) => toOktaScope(ctx, r));
  });
  app.post<{ Params: P<typeof Server>; Body: P<typeof ScopeBody> }>(`${base}/:authServerId/scopes`, { schema: { params: Server, body: ScopeBody } }, async (request, reply) => {
    const row = await createScope(ctx, auditOf(request), request.params.authServerId, request.body as ScopeInput);
    return reply.status(201).send(toOktaScope(ctx, row));
  });
  app.get<{ Params: P<typeof Scope> }>(`${base}/:authServerId/scopes/:scopeId`, { schema: { params: Scope } }, async (request) => {
    return toOktaScope(ctx, await getScopeOrThrow(ctx.db, request.params.authServerId, request.params.scopeId));
  });
  app.put<{ Params: P<typeof Scope>; Body: P<typeof ScopeBody> }>(`${base}/:authServerId/scopes/:scopeId`, { schema: { params: Scope, body: ScopeBody } }, async (request) => {
    return toOktaScope(ctx, await replaceScope(ctx, auditOf(request), request.params.authServerId, request.params.scopeId, request.body as ScopeInput));
  });
  app.delete<{ Params: P<typeof Scope> }>(`${base}/:authServerId/scopes/:scopeId`, { schema: { params: Scope } }, async (request, reply) => {
    await deleteScope(ctx, auditOf(request), request.params.authServerId, request.params.scopeId);
    return reply.status(204).send();
  });

  // Claims
  app.get<{ Params: P<typeof Server> }>(`${base}/:authServerId/claims`, { schema: { params: Server } }, async (request) => {
    await getServerOrThrow(ctx.db, request.params.authServerId);
    return (await listClaimRows(ctx.db, request.params.authServerId)).map((r) => toOktaClaim(ctx, r));
  });
  app.post<{ Params: P<typeof Server>; Body: P<typeof ClaimBody> }>(`${base}/:authServerId/claims`, { schema: { params: Server, body: ClaimBody } }, async (request, reply) => {
    const row = await createClaim(ctx, auditOf(request), request.params.authServerId, request.body as ClaimInput);
    return reply.status(201).send(toOktaClaim(ctx, row));
  });
  app.get<{ Params: P<typeof Claim> }>(`${base}/:authServerId/claims/:claimId`, { schema: { params: Claim } }, async (request) => {
    return toOktaClaim(ctx, await getClaimOrThrow(ctx.db, request.params.authServerId, request.params.claimId));
  });
  app.put<{ Params: P<typeof Claim>; Body: P<typeof ClaimBody> }>(`${base}/:authServerId/claims/:claimId`, { schema: { params: Claim, body: ClaimBody } }, async (request) => {
    return toOktaClaim(ctx, await replaceClaim(ctx, auditOf(request), request.params.authServerId, request.params.claimId, request.body as ClaimInput));
  });
  app.delete<{ Params: P<typeof Claim> }>(`${base}/:authServerId/claims/:claimId`, { schema: { params: Claim } }, async (request, reply) => {
    await deleteClaim(ctx, auditOf(request), request.params.authServerId, request.params.claimId);
    return reply.status(204).send();
  });

  // Policies
  app.get<{ Params: P<typeof Server> }>(`${base}/:authServerId/policies`, { schema: { params: Server } }, async (request) => {
    await getServerOrThrow(ctx.db, request.params.authServerId);
    return (await listPolicyRows(ctx.db, request.params.authServerId)).map((r) => toOktaPolicy(ctx, r));
  });
  app.post<{ Params: P<typeof Server>; Body: P<typeof PolicyBody> }>(`${base}/:authServerId/policies`, { schema: { params: Server, body: PolicyBody } }, async (request, reply) => {
    const row = await createPolicy(ctx, auditOf(request), request.params.authServerId, request.body as PolicyInput);
    return reply.status(201).send(toOktaPolicy(ctx, row));
  });
  app.get<{ Params: P<typeof Policy> }>(`${base}/:authServerId/policies/:policyId`, { schema: { params: Policy } }, async (request) => {
    return toOktaPolicy(ctx, await getPolicyOrThrow(ctx.db, request.params.authServerId, request.params.policyId));
  });
  app.put<{ Params: P<typeof Policy>; Body: P<typeof PolicyBody> }>(`${base}/:authServerId/policies/:policyId`, { schema: { params: Policy, body: PolicyBody } }, async (request) => {
    return toOktaPolicy(ctx, await replacePolicy(ctx, auditOf(request), request.params.authServerId, request.params.policyId, request.body as PolicyInput));
  });
  app.delete<{ Params: P<typeof Policy> }>(`${base}/:authServerId/policies/:policyId`, { schema: { params: Policy } }, async (request, reply) => {
    await deletePolicy(ctx, auditOf(request), request.params.authServerId, request.params.policyId);
    return reply.status(204).send();
  });
  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'INACTIVE']] as const) {
    app.post<{ Params: P<typeof Policy> }>(`${base}/:authServerId/policies/:policyId/lifecycle/${action}`, { schema: { params: Policy } }, async (request, reply) => {
      await setPolicyStatus(ctx, auditOf(request), request.params.authServerId, request.params.policyId, status);
      return reply.status(204).send();
    });
  }

  // Rules
  app.get<{ Params: P<typeof Policy> }>(`${base}/:authServerId/policies/:policyId/rules`, { schema: { params: Policy } }, async (request) => {
    await getPolicyOrThrow(ctx.db, request.params.authServerId, request.params.policyId);
    return (await listRuleRows(ctx.db, request.params.policyId)).map((r) => toOktaRule(ctx, r));
  });
  app.post<{ Params: P<typeof Policy>; Body: P<typeof RuleBody> }>(`${base}/:authServerId/policies/:policyId/rules`, { schema: { params: Policy, body: RuleBody } }, async (request, reply) => {
    const row = await createRule(ctx, auditOf(request), request.params.authServerId, request.params.policyId, request.body as RuleInput);
    return reply.status(201).send(toOktaRule(ctx, row));
  });
  app.get<{ Params: P<typeof Rule> }>(`${base}/:authServerId/policies/:policyId/rules/:ruleId`, { schema: { params: Rule } }, async (request) => {
    const { authServerId, policyId, ruleId } = request.params;
    return toOktaRule(ctx, await getRuleOrThrow(ctx.db, authServerId, policyId, ruleId));
  });
  app.put<{ Params: P<typeof Rule>; Body: P<typeof RuleBody> }>(`${base}/:authServerId/policies/:policyId/rules/:ruleId`, { schema: { params: Rule, body: RuleBody } }, async (request) => {
    const { authServerId, policyId, ruleId } = request.params;
    return toOktaRule(ctx, await replaceRule(ctx, auditOf(request), authServerId, policyId, ruleId, request.body as RuleInput));
  });
  app.delete<{ Params: P<typeof Rule> }>(`${base}/:authServerId/policies/:policyId/rules/:ruleId`, { schema: { params: Rule } }, async (request, reply) => {
    const { authServerId, policyId, ruleId } = request.params;
    await deleteRule(ctx, auditOf(request), authServerId, policyId, ruleId);
    return reply.status(204).send();
  });
  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'INACTIVE']] as const) {
    app.post<{ Params: P<typeof Rule> }>(`${base}/:authServerId/policies/:policyId/rules/:ruleId/lifecycle/${action}`, { schema: { params: Rule } }, async (request, reply) => {
      const { authServerId, policyId, ruleId } = request.params;
      await setRuleStatus(ctx, auditOf(request), authServerId, policyId, ruleId, status);
      return reply.status(204).send();
    });
  }
}
