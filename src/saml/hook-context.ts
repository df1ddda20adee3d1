/** `data.context` of a SAML hook request (reference §2.2, §3.3): the request, protocol, session and user. */
import type { AppContext } from '../platform/context.js';
import type { UserRow } from '../identity/users/users.service.js';
import type { Session } from '../identity/sessions/sessions.service.js';
import type { SamlHookContext } from '../hooks/inline/saml.inline-hook.js';

/** How Tollgate's session `amr` values read in Okta's hook payloads. */
const AMR_NAMES: Record<string, string> = { pwd: 'PASSWORD', mfa: 'MFA', otp: 'OTP', sms: 'SMS', hwk: 'HARDWARE_KEY', swk: 'SOFTWARE_KEY' };

export interface HookRequestInfo {
  id: string;
  method: string;
  url: string;
  ipAddress: string | null;
}

export async function samlHookContext(
  ctx: AppContext,
  http: HookRequestInfo,
  app: { id: string; label: string; entityId: string },
  session: Session,
  user: UserRow,
): Promise<SamlHookContext> {
  const row = await ctx.db.selectFrom('sessions').select(['amr', 'status']).where('id', '=', session.id).executeTakeFirst();
  const amr = (row ? (JSON.parse(row.amr) as string[]) : ['pwd']).map((a) => AMR_NAMES[a] ?? a.toUpperCase());
  const profile = JSON.parse(user.profile) as Record<string, unknown>;
  const base = ctx.config.issuer;
  return {
    request: { id: http.id, method: http.method, url: { value: http.url }, ipAddress: http.ipAddress },
    protocol: { type: 'SAML2.0', issuer: { id: app.id, name: app.label, uri: app.entityId } },
    session: {
      id: session.id,
      userId: user.id,
      login: user.login,
      createdAt: session.createdAt,
      expiresAt: session.expiresAt,
      status: row?.status ?? 'ACTIVE',
      lastPasswordVerification: session.lastPasswordVerification,
      amr,
      idp: { id: null, type: 'OKTA' },
      mfaActive: amr.length > 1,
    },
    user: {
      id: user.id,
      passwordChanged: user.password_changed,
      profile: {
        login: user.login,
        firstName: profile.firstName ?? null,
        lastName: profile.lastName ?? null,
        locale: profile.locale ?? null,
        timeZone: profile.timeZone ?? null,
      },
      _links: {
        groups: { href: `${base}/api/v1/users/${user.id}/groups` },
        factors: { href: `${base}/api/v1/users/${user.id}/factors` },
      },
    },
  };
}
