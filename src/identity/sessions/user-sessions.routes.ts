import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { jsonMember } from '../../platform/db/json.js';
import { auditOf } from '../auth.js';
import { recordEvent } from '../../events/record-event.js';
import { requireUser, userTarget } from '../users/users.service.js';

const Params = Type.Object({ userId: Type.String({ minLength: 1 }) });
const Query = Type.Object({ oauthTokens: Type.Boolean({ default: false }) });

/**
 * Okta's "Revoke all user sessions": DELETE /api/v1/users/{userId}/sessions ends every session of the
 * user, and with `oauthTokens=true` also drops their OAuth grants and refresh tokens. 204, and
 * `user.session.clear` in the System Log, in the same transaction.
 */
export async function userSessionRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  app.delete('/users/:userId/sessions', { schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const user = await requireUser(ctx, ctx.db, request.params.userId);
    const audit = auditOf(request);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      if (request.query.oauthTokens) {
        await trx.deleteFrom('oauth_store').where(jsonMember(ctx.dialect, 'payload', 'accountId'), '=', user.id).execute();
      }
      await recordEvent(ctx, trx, audit, {
        eventType: 'user.session.clear',
        displayMessage: 'Clear user session',
        outcome: 'SUCCESS',
        target: [userTarget(user)],
        debugData: { revokeOauthTokens: String(request.query.oauthTokens) },
      });
    });
    return reply.status(204).send();
  });
}
