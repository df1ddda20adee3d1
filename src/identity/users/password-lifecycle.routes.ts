import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { auditOf } from '../auth.js';
import { expirePassword, resetPassword } from './password-lifecycle.service.js';
import { ResetPasswordToken, User } from './user.schema.js';

const UserIdParams = Type.Object({ userId: Type.String({ minLength: 1 }) });
// Okta requires `sendEmail` on reset_password.
const ResetPasswordQuery = Type.Object({
  sendEmail: Type.Boolean(),
  revokeSessions: Type.Boolean({ default: false }),
});

/** Okta's password lifecycle operations under /api/v1/users/{id}/lifecycle (registered by userRoutes). */
export async function passwordLifecycleRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const lifecycle = '/users/:userId/lifecycle';

  app.post(`${lifecycle}/reset_password`, { schema: { params: UserIdParams, querystring: ResetPasswordQuery, response: { 200: ResetPasswordToken } } }, async (request) => {
    const { sendEmail, revokeSessions } = request.query;
    return resetPassword(ctx, ctx.db, auditOf(request), request.params.userId, { sendEmail, revokeSessions });
  });

  app.post(`${lifecycle}/expire_password`, { schema: { params: UserIdParams, response: { 200: User } } }, async (request) => {
    return expirePassword(ctx, ctx.db, auditOf(request), request.params.userId);
  });
}
