import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { randomBase62 } from '../../platform/ids.js';
import type { TrustedOrigin as OktaTrustedOrigin } from './trusted-origin.schema.js';

/*
 * Okta's Trusted Origins (`/api/v1/trustedOrigins`): the web origins the org trusts for CORS (browser
 * calls to the OAuth 2.0 endpoints) and for redirects. Kept in `settings` under `trusted_origin:<id>`:
 * an org has a handful, read whenever a browser sends an Origin header to /oauth2.
 */

export type TrustedOriginScope = { type: 'CORS' } | { type: 'REDIRECT' } | { type: 'IFRAME_EMBED'; allowedOktaApps?: string[] };

export interface TrustedOrigin {
  id: string;
  name: string;
  origin: string;
  scopes: TrustedOriginScope[];
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  createdBy: string | null;
  lastUpdated: string;
  lastUpdatedBy: string | null;
}

export interface TrustedOriginInput {
  name?: unknown;
  origin?: unknown;
  scopes?: unknown;
}

const KEY_PREFIX = 'trusted_origin:';
const SCOPE_TYPES = new Set(['CORS', 'REDIRECT', 'IFRAME_EMBED']);

/** `https://app.example.com` from what an admin typed; undefined when it is not an http(s) origin. */
export function normalizedOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return undefined;
  return url.origin;
}

export async function listTrustedOrigins(db: Executor): Promise<TrustedOrigin[]> {
  const rows = await db.selectFrom('settings').select('value').where('key', 'like', `${KEY_PREFIX}%`).execute();
  return rows.map((r) => JSON.parse(r.value) as TrustedOrigin).sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
}

export async function getTrustedOrigin(db: Executor, id: string): Promise<TrustedOrigin> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY_PREFIX + id).executeTakeFirst();
  if (!row) throw errors.notFound('TrustedOrigin', id);
  return JSON.parse(row.value) as TrustedOrigin;
}

/** Whether a browser at `origin` may read answers of the OAuth 2.0 endpoints (an ACTIVE trusted origin with the CORS scope). */
export async function allowsCors(db: Executor, origin: string): Promise<boolean> {
  const wanted = normalizedOrigin(origin);
  if (!wanted) return false;
  return (await listTrustedOrigins(db)).some((t) => t.status === 'ACTIVE' && t.origin === wanted && t.scopes.some((s) => s.type === 'CORS'));
}

function checked(input: TrustedOriginInput, others: TrustedOrigin[]): Pick<TrustedOrigin, 'name' | 'origin' | 'scopes'> {
  const causes: string[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 255) causes.push('name: The field cannot be left blank and must be at most 255 characters');
  const origin = typeof input.origin === 'string' ? normalizedOrigin(input.origin) : undefined;
  if (!origin) causes.push('origin: The origin must be an http or https URL with no path, query or fragment (e.g. https://app.example.com)');
  else if (others.some((t) => t.origin === origin)) causes.push('origin: An object with this field already exists in the current organization');
  else if (others.some((t) => t.name === name)) causes.push('name: An object with this field already exists in the current organization');
  const scopes: TrustedOriginScope[] = [];
  if (!Array.isArray(input.scopes) || input.scopes.length === 0) causes.push('scopes: At least one scope (CORS, REDIRECT or IFRAME_EMBED) is required');
  else {
    for (const [i, scope] of input.scopes.entries()) {
      const type = scope && typeof scope === 'object' ? (scope as { type?: unknown }).type : undefined;
      if (typeof type !== 'string' || !SCOPE_TYPES.has(type)) causes.push(`scopes[${i}].type: One of CORS, REDIRECT, IFRAME_EMBED`);
      else if (!scopes.some((s) => s.type === type)) {
        const apps = (scope as { allowedOktaApps?: unknown }).allowedOktaApps;
        scopes.push(type === 'IFRAME_EMBED' ? { type, allowedOktaApps: Array.isArray(apps) ? apps.filter((a): a is string => typeof a === 'string') : [] } : { type: type as 'CORS' | 'REDIRECT' });
      }
    }
  }
  if (causes.length) throw errors.validation(causes[0].split(/[.:[]/)[0], causes);
  return { name, origin: origin!, scopes };
}

export async function createTrustedOrigin(ctx: AppContext, db: Executor, actor: string | null, input: TrustedOriginInput): Promise<TrustedOrigin> {
  const fields = checked(input, await listTrustedOrigins(db));
  const now = ctx.clock().toISOString();
  const origin: TrustedOrigin = { id: `tos${randomBase62(17)}`, ...fields, status: 'ACTIVE', created: now, createdBy: actor, lastUpdated: now, lastUpdatedBy: actor };
  await db.insertInto('settings').values({ key: KEY_PREFIX + origin.id, value: JSON.stringify(origin) }).execute();
  return origin;
}

async function save(db: Executor, origin: TrustedOrigin): Promise<TrustedOrigin> {
  await db.updateTable('settings').set({ value: JSON.stringify(origin) }).where('key', '=', KEY_PREFIX + origin.id).execute();
  return origin;
}

export async function replaceTrustedOrigin(ctx: AppContext, db: Executor, actor: string | null, id: string, input: TrustedOriginInput): Promise<TrustedOrigin> {
  const current = await getTrustedOrigin(db, id);
  const fields = checked(input, (await listTrustedOrigins(db)).filter((t) => t.id !== id));
  return save(db, { ...current, ...fields, lastUpdated: ctx.clock().toISOString(), lastUpdatedBy: actor });
}

export async function setTrustedOriginStatus(ctx: AppContext, db: Executor, actor: string | null, id: string, status: TrustedOrigin['status']): Promise<TrustedOrigin> {
  const current = await getTrustedOrigin(db, id);
  if (current.status === status) return current;
  return save(db, { ...current, status, lastUpdated: ctx.clock().toISOString(), lastUpdatedBy: actor });
}

export async function deleteTrustedOrigin(db: Executor, id: string): Promise<void> {
  await getTrustedOrigin(db, id);
  await db.deleteFrom('settings').where('key', '=', KEY_PREFIX + id).execute();
}

/** The API representation, with Okta's links. */
export function toOktaTrustedOrigin(ctx: AppContext, origin: TrustedOrigin): OktaTrustedOrigin {
  const self = `${ctx.config.issuer}/api/v1/trustedOrigins/${origin.id}`;
  const lifecycle = origin.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    ...origin,
    _links: {
      self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
      [lifecycle]: { href: `${self}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
    },
  };
}
