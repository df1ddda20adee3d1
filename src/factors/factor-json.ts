/** Okta's UserFactor JSON for `sms` and `call` factors (spec `UserFactorSMS`, `UserFactorCall`). */
import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { UserFactorsTable } from '../platform/db/tables/factors.js';

export type FactorRow = Selectable<UserFactorsTable>;
export type PhoneFactorType = 'sms' | 'call';
export const PHONE_FACTOR_TYPES: readonly PhoneFactorType[] = ['sms', 'call'];

export interface Link {
  href: string;
  hints?: { allow: string[] };
  name?: string;
}

export interface OktaFactor {
  id: string;
  factorType: PhoneFactorType;
  provider: string;
  vendorName: string;
  status: string;
  created: string;
  lastUpdated: string;
  profile: { phoneNumber: string; phoneExtension?: string | null };
  _links: Record<string, Link | Link[]>;
}

export function factorUrl(ctx: AppContext, row: Pick<FactorRow, 'id' | 'user_id'>): string {
  return `${ctx.config.issuer}/api/v1/users/${row.user_id}/factors/${row.id}`;
}

export function factorProfile(row: FactorRow): OktaFactor['profile'] {
  return row.factor_type === 'call'
    ? { phoneNumber: row.phone_number, phoneExtension: row.phone_extension }
    : { phoneNumber: row.phone_number };
}

/** The factor as Okta returns it; `_links` offer what its status allows (activate/resend, or verify/delete). */
export function toOktaFactor(ctx: AppContext, row: FactorRow): OktaFactor {
  const self = factorUrl(ctx, row);
  const user = `${ctx.config.issuer}/api/v1/users/${row.user_id}`;
  const links: OktaFactor['_links'] = row.status === 'PENDING_ACTIVATION'
    ? {
      activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } },
      resend: [{ name: row.factor_type, href: `${self}/resend`, hints: { allow: ['POST'] } }],
      self: { href: self, hints: { allow: ['GET'] } },
      user: { href: user, hints: { allow: ['GET'] } },
    }
    : {
      verify: { href: `${self}/verify`, hints: { allow: ['POST'] } },
      self: { href: self, hints: { allow: ['GET', 'DELETE'] } },
      user: { href: user, hints: { allow: ['GET'] } },
    };
  return {
    id: row.id,
    factorType: row.factor_type as PhoneFactorType,
    provider: row.provider,
    vendorName: row.provider,
    status: row.status,
    created: row.created,
    lastUpdated: row.last_updated,
    profile: factorProfile(row),
    _links: links,
  };
}

/** The System Log target for a factor. */
export function factorTarget(row: FactorRow) {
  return {
    id: row.id, type: 'User Factor',
    alternateId: row.factor_type, displayName: row.factor_type === 'sms' ? 'SMS Authentication' : 'Voice Call Authentication',
  };
}
