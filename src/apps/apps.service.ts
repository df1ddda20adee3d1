import { sql, type SqlBool } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { errors, OktaError } from '../platform/errors.js';
import { filterToSql } from '../platform/filter.js';
import { newId } from '../platform/ids.js';
import type { AuditContext, LogTarget } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import type { AppInput, AppRow, OktaApp } from './app-kind.js';
import { appKindOf, appKinds } from './app-kinds.js';

export type { OktaApp } from './app-kind.js';

const DEFAULT_ACCESSIBILITY = { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null };
const DEFAULT_VISIBILITY = { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: {} };

export function appTarget(row: Pick<AppRow, 'id' | 'name' | 'label'>): LogTarget {
  return { id: row.id, type: 'AppInstance', alternateId: row.label, displayName: row.label };
}

/** The secrets of an app, decrypted (empty when it has none). */
/** What `GET /api/v1/apps?filter=` can compare (a Map, so `constructor` or `__proto__` is no column). */
const APP_FILTER_COLUMNS = new Map([['status', 'status'], ['name', 'name'], ['signOnMode', 'sign_on_mode'], ['id', 'id'], ['label', 'label']]);

export function appSecrets(ctx: AppContext, row: AppRow): Record<string, string> {
  return row.secrets_encrypted ? JSON.parse(ctx.secrets.decrypt(row.secrets_encrypted)) : {};
}

/** Okta's Application JSON, with the kind's own members. Secrets never appear. */
export function toOktaApp(ctx: AppContext, row: AppRow): OktaApp {
  const self = `${ctx.config.issuer}/api/v1/apps/${row.id}`;
  const lifecycle = row.status === 'ACTIVE'
    ? { deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
    : { activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } } };
  const json: OktaApp = {
    id: row.id,
    name: row.name,
    label: row.label,
    status: row.status,
    lastUpdated: row.last_updated,
    created: row.created,
    accessibility: JSON.parse(row.accessibility),
    visibility: JSON.parse(row.visibility),
    features: JSON.parse(row.features),
    signOnMode: row.sign_on_mode,
    credentials: JSON.parse(row.credentials),
    settings: JSON.parse(row.settings),
    ...(row.profile ? { profile: JSON.parse(row.profile) } : {}),
    _links: {
      self: { href: self },
      appLinks: [],
      users: { href: `${self}/users` },
      groups: { href: `${self}/groups` },
      ...lifecycle,
    },
  };
  return appKindOf(row.sign_on_mode)?.decorate?.(ctx, row, json) ?? json;
}

export async function findApp(db: Executor, id: string): Promise<AppRow | undefined> {
  return db.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getAppOrThrow(db: Executor, id: string): Promise<AppRow> {
  const row = await findApp(db, id);
  if (!row) throw errors.notFound('AppInstance', id);
  return row;
}

function requireKind(signOnMode: unknown) {
  const kind = typeof signOnMode === 'string' ? appKindOf(signOnMode) : undefined;
  if (!kind) {
    const known = appKinds.map((k) => k.signOnMode).join(', ');
    throw errors.validation('signOnMode', [`signOnMode: Unsupported signOnMode ${JSON.stringify(signOnMode ?? null)}; supported: ${known}`]);
  }
  return kind;
}

function requireLabel(label: unknown): string {
  if (typeof label !== 'string' || label.trim() === '' || label.length > 100) {
    throw errors.validation('label', ['label: The field cannot be left blank and must be at most 100 characters']);
  }
  return label.trim();
}

/** Creates an app of a known kind (ACTIVE unless `activate` is false), with `application.lifecycle.create`. */
export async function createApp(ctx: AppContext, audit: AuditContext, input: AppInput, activate = true): Promise<{ row: AppRow; json: OktaApp }> {
  const kind = requireKind(input.signOnMode);
  const label = requireLabel(input.label);
  const prepared = await kind.prepare(ctx, ctx.db, input);
  const now = ctx.clock().toISOString();
  const row: AppRow = {
    id: newId('app'),
    name: prepared.name,
    label,
    sign_on_mode: kind.signOnMode,
    status: activate ? 'ACTIVE' : 'INACTIVE',
    settings: JSON.stringify(prepared.settings),
    credentials: JSON.stringify(prepared.credentials),
    accessibility: JSON.stringify({ ...DEFAULT_ACCESSIBILITY, ...input.accessibility }),
    visibility: JSON.stringify({ ...DEFAULT_VISIBILITY, ...input.visibility }),
    features: JSON.stringify(prepared.features ?? []),
    profile: input.profile ? JSON.stringify(input.profile) : null,
    secrets_encrypted: prepared.secrets ? ctx.secrets.encrypt(JSON.stringify(prepared.secrets)) : null,
    created: now,
    last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('apps').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'application.lifecycle.create', displayMessage: 'Add application', target: [appTarget(row)] });
    if (activate) await recordEvent(ctx, trx, audit, { eventType: 'application.lifecycle.activate', displayMessage: 'Activate application', target: [appTarget(row)] });
  });
  const json = toOktaApp(ctx, row);
  return { row, json: prepared.secrets && kind.revealOnCreate ? kind.revealOnCreate(prepared.secrets, json) : json };
}

/** Replaces an app's label and kind-specific settings; `signOnMode` cannot change. */
export async function replaceApp(ctx: AppContext, audit: AuditContext, id: string, input: AppInput): Promise<AppRow> {
  const existing = await getAppOrThrow(ctx.db, id);
  if (input.signOnMode !== undefined && input.signOnMode !== existing.sign_on_mode) {
    throw errors.validation('signOnMode', ['signOnMode: The sign-on mode of an app cannot be changed']);
  }
  const kind = requireKind(existing.sign_on_mode);
  const label = requireLabel(input.label ?? existing.label);
  const secrets = appSecrets(ctx, existing);
  const prepared = await kind.prepare(ctx, ctx.db, input, { row: existing, secrets });
  const next: AppRow = {
    ...existing,
    label,
    name: prepared.name,
    settings: JSON.stringify(prepared.settings),
    credentials: JSON.stringify(prepared.credentials),
    accessibility: JSON.stringify({ ...DEFAULT_ACCESSIBILITY, ...(input.accessibility ?? JSON.parse(existing.accessibility)) }),
    visibility: JSON.stringify({ ...DEFAULT_VISIBILITY, ...(input.visibility ?? JSON.parse(existing.visibility)) }),
    features: JSON.stringify(prepared.features ?? JSON.parse(existing.features)),
    profile: input.profile === undefined ? existing.profile : input.profile ? JSON.stringify(input.profile) : null,
    secrets_encrypted: prepared.secrets === undefined ? existing.secrets_encrypted : prepared.secrets ? ctx.secrets.encrypt(JSON.stringify(prepared.secrets)) : null,
    last_updated: ctx.clock().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('apps').set(next).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'application.lifecycle.update', displayMessage: 'Update application', target: [appTarget(next)] });
  });
  return next;
}

export async function setAppStatus(ctx: AppContext, audit: AuditContext, id: string, status: 'ACTIVE' | 'INACTIVE'): Promise<AppRow> {
  const row = await getAppOrThrow(ctx.db, id);
  if (row.status === status) return row;
  const next = { ...row, status, last_updated: ctx.clock().toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('apps').set({ status, last_updated: next.last_updated }).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'application.lifecycle.activate' : 'application.lifecycle.deactivate',
      displayMessage: status === 'ACTIVE' ? 'Activate application' : 'Deactivate application',
      target: [appTarget(row)],
    });
  });
  return next;
}

/** Deletes an INACTIVE app and its assignments; an active app must be deactivated first (Okta's E0000056). */
export async function deleteApp(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  const row = await getAppOrThrow(ctx.db, id);
  if (row.status === 'ACTIVE') throw new OktaError(403, 'E0000056', 'Delete application forbidden.', [{ errorSummary: 'The app must be deactivated before it is deleted' }]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('app_users').where('app_id', '=', id).execute();
    await trx.deleteFrom('app_group_assignments').where('app_id', '=', id).execute();
    await trx.deleteFrom('apps').where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'application.lifecycle.delete', displayMessage: 'Delete application', target: [appTarget(row)] });
  });
}

export function encodeAppCursor(row: Pick<AppRow, 'created' | 'id'>): string {
  return Buffer.from(`${row.created}|${row.id}`).toString('base64url');
}

/** Apps by creation order; `q` matches label or name prefixes; `filter` on status, name, signOnMode, id. */
export async function listAppRows(ctx: AppContext, query: { q?: string; filter?: string; limit: number; after?: string }): Promise<AppRow[]> {
  let q = ctx.db.selectFrom('apps').selectAll();
  if (query.q) {
    const prefix = query.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    q = q.where(sql<SqlBool>`(lower(label) like ${prefix} escape '\\' or lower(name) like ${prefix} escape '\\')`);
  }
  if (query.filter) {
    q = q.where(filterToSql('filter', query.filter, (attr) => {
      const column = APP_FILTER_COLUMNS.get(attr);
      return column ? sql.ref(column) : undefined;
    }));
  }
  if (query.after) {
    const [created, id] = Buffer.from(query.after, 'base64url').toString('utf8').split('|');
    if (!created || !id) throw errors.validation('after', ['after: Invalid cursor']);
    q = q.where((eb) => eb.or([eb('created', '>', created), eb.and([eb('created', '=', created), eb('id', '>', id)])]));
  }
  return q.orderBy('created').orderBy('id').limit(query.limit + 1).execute();
}
