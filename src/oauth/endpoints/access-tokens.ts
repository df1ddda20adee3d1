/** Checks one of this server's JWT access tokens: signature, issuer, expiry, and that it was not revoked. */
import type { AppContext } from '../../platform/context.js';
import { verifyRs256 } from '../jwt.js';
import { issuerOf, type ServerRow } from '../management/servers.service.js';
import { listKeyRows, publicJwkOf } from '../signing-keys.js';

export async function verifyAccessToken(ctx: AppContext, server: ServerRow, token: string): Promise<Record<string, unknown> | undefined> {
  const jwks = (await listKeyRows(ctx.db, server.id)).map(publicJwkOf);
  const decoded = verifyRs256(token, jwks);
  if (!decoded || decoded.header.typ !== 'at+jwt') return undefined;
  const p = decoded.payload;
  const now = Math.floor(ctx.clock().getTime() / 1000);
  if (p.iss !== issuerOf(ctx, server.id) || typeof p.exp !== 'number' || p.exp <= now || typeof p.jti !== 'string') return undefined;
  const revoked = await ctx.db.selectFrom('oauth_revoked_tokens').select('jti').where('jti', '=', p.jti).executeTakeFirst();
  return revoked ? undefined : p;
}
