/** Okta's Factors API for phone factors, under `/api/v1/users/{userId}/factors` (SSWS). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { auditOf } from '../identity/auth.js';
import { requireUser } from '../identity/users/users.service.js';
import { invalidPasscode, type RequestInfo } from './challenges.service.js';
import { factorProfile, factorUrl, PHONE_FACTOR_TYPES, toOktaFactor } from './factor-json.js';
import {
  activateFactor, challengeFactor, deleteFactor, enrollPhoneFactor, getFactor, listFactors, resendEnrollment, verifyFactorPasscode,
} from './factors.service.js';

const UserParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 256 }) });
const FactorParams = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 256 }), factorId: Type.String({ minLength: 1, maxLength: 64 }) });
const PassCode = Type.String({ maxLength: 64 });
const Lifetime = Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 }));

const EnrollBody = Type.Object({
  factorType: Type.Optional(Type.String({ maxLength: 64 })),
  provider: Type.Optional(Type.String({ maxLength: 64 })),
  profile: Type.Optional(Type.Object({
    phoneNumber: Type.Optional(Type.String({ maxLength: 64 })),
    phoneExtension: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
  })),
});

const EnrollQuery = Type.Object({
  activate: Type.Boolean({ default: false }),
  updatePhone: Type.Boolean({ default: false }),
  tokenLifetimeSeconds: Lifetime,
  templateId: Type.Optional(Type.String({ maxLength: 64 })),
});

const PassCodeBody = Type.Union([Type.Null(), Type.Object({ passCode: Type.Optional(PassCode) })]);

function requestInfo(request: FastifyRequest): RequestInfo {
  return { id: String(request.id), method: request.method, url: request.url.split('?')[0], ipAddress: request.ip ?? null };
}

export async function factorRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  // Verify and activate may be called without a body (Okta: "make a request without a body" to send a
  // challenge), and clients still send `Content-Type: application/json`: an empty body is read as null here.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, null);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(errors.malformedBody(), undefined);
    }
  });

  app.get('/users/:userId/factors', { schema: { params: UserParams } }, async (request) => {
    const rows = await listFactors(ctx, request.params.userId);
    return rows.map((row) => toOktaFactor(ctx, row));
  });

  app.post('/users/:userId/factors', { schema: { params: UserParams, querystring: EnrollQuery, body: EnrollBody } }, async (request) => {
    const { activate, updatePhone, tokenLifetimeSeconds } = request.query;
    const row = await enrollPhoneFactor(ctx, auditOf(request), request.params.userId, request.body, {
      activate, updatePhone, tokenLifetimeSeconds, request: requestInfo(request),
    });
    return toOktaFactor(ctx, row);
  });

  app.get('/users/:userId/factors/catalog', { schema: { params: UserParams } }, async (request) => {
    const user = await requireUser(ctx, ctx.db, request.params.userId);
    const rows = await listFactors(ctx, user.id);
    return PHONE_FACTOR_TYPES.map((factorType) => {
      const enrolled = rows.find((r) => r.factor_type === factorType);
      return {
        factorType, provider: 'OKTA', vendorName: 'OKTA', enrollment: 'OPTIONAL', status: enrolled?.status ?? 'NOT_SETUP',
        _links: { enroll: { href: `${ctx.config.issuer}/api/v1/users/${user.id}/factors`, hints: { allow: ['POST'] } } },
      };
    });
  });

  app.get('/users/:userId/factors/:factorId', { schema: { params: FactorParams } }, async (request) => {
    const { factor } = await getFactor(ctx, request.params.userId, request.params.factorId);
    return toOktaFactor(ctx, factor);
  });

  app.delete('/users/:userId/factors/:factorId', {
    schema: { params: FactorParams, querystring: Type.Object({ removeRecoveryEnrollment: Type.Boolean({ default: false }) }) },
  }, async (request, reply) => {
    await deleteFactor(ctx, auditOf(request), request.params.userId, request.params.factorId);
    return reply.status(204).send();
  });

  app.post('/users/:userId/factors/:factorId/lifecycle/activate', { schema: { params: FactorParams, body: PassCodeBody } }, async (request) => {
    const row = await activateFactor(ctx, auditOf(request), request.params.userId, request.params.factorId, request.body?.passCode);
    return toOktaFactor(ctx, row);
  });

  app.post('/users/:userId/factors/:factorId/resend', {
    schema: { params: FactorParams, querystring: Type.Object({ templateId: Type.Optional(Type.String({ maxLength: 64 })) }) },
  }, async (request) => {
    const row = await resendEnrollment(ctx, auditOf(request), request.params.userId, request.params.factorId, { request: requestInfo(request) });
    return toOktaFactor(ctx, row);
  });

  app.post('/users/:userId/factors/:factorId/verify', {
    schema: {
      params: FactorParams, body: PassCodeBody,
      querystring: Type.Object({ tokenLifetimeSeconds: Lifetime, templateId: Type.Optional(Type.String({ maxLength: 64 })) }),
    },
  }, async (request) => {
    const { userId, factorId } = request.params;
    const passCode = request.body?.passCode;
    if (passCode === undefined || passCode === '') {
      // No passcode: send one (Okta's challenge).
      const { factor, challenge } = await challengeFactor(ctx, auditOf(request), userId, factorId, {
        purpose: 'verify', request: requestInfo(request), lifetimeSeconds: request.query.tokenLifetimeSeconds,
      });
      const self = factorUrl(ctx, factor);
      return {
        factorResult: 'CHALLENGE',
        expiresAt: challenge.expiresAt,
        profile: factorProfile(factor),
        _links: {
          verify: { href: `${self}/verify`, hints: { allow: ['POST'] } },
          factor: { href: self, hints: { allow: ['GET', 'DELETE'] } },
        },
      };
    }
    const { check } = await verifyFactorPasscode(ctx, auditOf(request), userId, factorId, passCode, 'verify');
    if (check !== 'SUCCESS') throw invalidPasscode(check);
    return { factorResult: 'SUCCESS' };
  });
}
