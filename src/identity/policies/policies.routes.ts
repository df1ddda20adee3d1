import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { pageParams, setLinkHeaders, takePage } from '../../platform/paging.js';
import { auditOf } from '../auth.js';
import {
  createPolicy, deletePolicy, getPolicyOrThrow, listPolicyRows, policyCursor, replacePolicy, setPolicyStatus,
} from './policies.service.js';
import { LISTABLE_POLICY_TYPES, toOktaPolicy, toOktaPolicyRule } from './policy-json.js';
import { createRule, deleteRule, getRuleOrThrow, listRuleRows, replaceRule, setRuleStatus } from './policy-rules.service.js';
import { Policy, PolicyRule } from './policy.schema.js';

const PolicyParams = Type.Object({ policyId: Type.String() });
type PolicyParams = Static<typeof PolicyParams>;
const RuleParams = Type.Object({ policyId: Type.String(), ruleId: Type.String() });
type RuleParams = Static<typeof RuleParams>;

const ListQuery = Type.Object({
  type: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  q: Type.Optional(Type.String()),
  expand: Type.Optional(Type.String()),
  sortBy: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  resourceId: Type.Optional(Type.String()),
});
type ListQuery = Static<typeof ListQuery>;

const ActivateQuery = Type.Object({ activate: Type.Optional(Type.String()), limit: Type.Optional(Type.String()) });
type ActivateQuery = Static<typeof ActivateQuery>;

// Bodies are checked by the services so that every problem is reported at once, with Okta's wording.
const Body = Type.Record(Type.String(), Type.Unknown());
type Body = Static<typeof Body>;

function activateFlag(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw errors.validation('activate', ['activate: The value must be true or false']);
}

/** Okta's Policies API: `/api/v1/policies`, lifecycle, and `/rules`. */
export async function policyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: ListQuery }>('/policies', { schema: { querystring: ListQuery, response: { 200: Type.Array(Policy) } } }, async (request, reply) => {
    const query = request.query;
    if (!query.type) throw errors.validation('type', ['type: The field cannot be left blank']);
    if (!(LISTABLE_POLICY_TYPES as readonly string[]).includes(query.type)) {
      throw errors.validation('type', [`type: '${query.type}' is not a valid policy type; expected one of ${LISTABLE_POLICY_TYPES.join(', ')}`]);
    }
    if (query.status && query.status !== 'ACTIVE' && query.status !== 'INACTIVE') {
      throw errors.validation('status', ['status: The value must be ACTIVE or INACTIVE']);
    }
    const { limit, after } = pageParams(query, 200, 200);
    const rows = await listPolicyRows(ctx, { type: query.type, status: query.status, q: query.q, limit, after });
    const page = takePage(rows, limit, policyCursor);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map((r) => toOktaPolicy(ctx, r));
  });

  app.post<{ Querystring: ActivateQuery; Body: Body }>('/policies', { schema: { querystring: ActivateQuery, body: Body, response: { 200: Policy } } }, async (request) => {
    const row = await createPolicy(ctx, auditOf(request), request.body, { activate: activateFlag(request.query.activate) });
    return toOktaPolicy(ctx, row);
  });

  app.get<{ Params: PolicyParams }>('/policies/:policyId', { schema: { params: PolicyParams, response: { 200: Policy } } }, async (request) => {
    return toOktaPolicy(ctx, await getPolicyOrThrow(ctx.db, request.params.policyId));
  });

  app.put<{ Params: PolicyParams; Body: Body }>('/policies/:policyId', { schema: { params: PolicyParams, body: Body, response: { 200: Policy } } }, async (request) => {
    return toOktaPolicy(ctx, await replacePolicy(ctx, auditOf(request), request.params.policyId, request.body));
  });

  app.delete<{ Params: PolicyParams }>('/policies/:policyId', { schema: { params: PolicyParams } }, async (request, reply) => {
    await deletePolicy(ctx, auditOf(request), request.params.policyId);
    return reply.status(204).send();
  });

  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'INACTIVE']] as const) {
    app.post<{ Params: PolicyParams }>(`/policies/:policyId/lifecycle/${action}`, { schema: { params: PolicyParams } }, async (request, reply) => {
      await setPolicyStatus(ctx, auditOf(request), request.params.policyId, status);
      return reply.status(204).send();
    });
    app.post<{ Params: RuleParams }>(`/policies/:policyId/rules/:ruleId/lifecycle/${action}`, { schema: { params: RuleParams } }, async (request, reply) => {
      await setRuleStatus(ctx, auditOf(request), request.params.policyId, request.params.ruleId, status);
      return reply.status(204).send();
    });
  }

  app.get<{ Params: PolicyParams }>('/policies/:policyId/rules', { schema: { params: PolicyParams, response: { 200: Type.Array(PolicyRule) } } }, async (request) => {
    return (await listRuleRows(ctx, request.params.policyId)).map((r) => toOktaPolicyRule(ctx, r));
  });

  app.post<{ Params: PolicyParams; Querystring: ActivateQuery; Body: Body }>('/policies/:policyId/rules', {
    schema: { params: PolicyParams, querystring: ActivateQuery, body: Body, response: { 200: PolicyRule } },
  }, async (request) => {
    const row = await createRule(ctx, auditOf(request), request.params.policyId, request.body, { activate: activateFlag(request.query.activate) });
    return toOktaPolicyRule(ctx, row);
  });

  app.get<{ Params: RuleParams }>('/policies/:policyId/rules/:ruleId', { schema: { params: RuleParams, response: { 200: PolicyRule } } }, async (request) => {
    return toOktaPolicyRule(ctx, await getRuleOrThrow(ctx.db, request.params.policyId, request.params.ruleId));
  });

  app.put<{ Params: RuleParams; Body: Body }>('/policies/:policyId/rules/:ruleId', { schema: { params: RuleParams, body: Body, response: { 200: PolicyRule } } }, async (request) => {
    return toOktaPolicyRule(ctx, await replaceRule(ctx, auditOf(request), request.params.policyId, request.params.ruleId, request.body));
  });

  app.delete<{ Params: RuleParams }>('/policies/:policyId/rules/:ruleId', { schema: { params: RuleParams } }, async (request, reply) => {
    await deleteRule(ctx, auditOf(request), request.params.policyId, request.params.ruleId);
    return reply.status(204).send();
  });
}
