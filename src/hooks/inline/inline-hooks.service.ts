/**
 * Inline hooks as Okta's management API sees them (reference §4): create, read, update/replace, lifecycle,
 * delete and execute. Each change and its System Log event commit in one transaction.
 */
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { errors, OktaError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { parseChannel, type HookChannel } from '../channel/channel.js';
import { hookTypeOf } from './hook-types.js';
import type { InlineHookTypeDefinition } from './hook-type.js';
import { parseHookReply } from './hook-reply.js';
import { validateInlineHook, type InlineHookBody, type ValidInlineHook } from './inline-hook-input.js';
import { runInlineHook, type InlineHookRow } from './runner.js';
import type { InlineHook, InlineHookLink } from './inline-hook.schema.js';

/** Okta's current limit (reference §4.8). */
export const MAX_INLINE_HOOKS = 100;

type Link = InlineHookLink;

/** Okta's InlineHook JSON (inline-hook.schema.ts). */
export type OktaInlineHook = InlineHook;

/** Okta's InlineHook JSON; secrets are not part of the stored channel, so they can never leak from here. */
export function toOktaInlineHook(ctx: AppContext, row: InlineHookRow): OktaInlineHook {
  const self = `${ctx.config.issuer}/api/v1/inlineHooks/${row.id}`;
  const post = (href: string): Link => ({ href, hints: { allow: ['POST'] } });
  const active = row.status === 'ACTIVE';
  const links: Record<string, Link> = { self: { href: self } };
  if (active) links.deactivate = post(`${self}/lifecycle/deactivate`);
  else {
    links.activate = post(`${self}/lifecycle/activate`);
    links.delete = { href: self, hints: { allow: ['DELETE'] } };
  }
  links.execute = post(`${self}/execute`);
  return {
    id: row.id,
    status: active ? 'ACTIVE' : 'INACTIVE',
    name: row.name,
    type: row.type,
    version: row.version,
    channel: parseChannel(row.channel),
    created: row.created,
    lastUpdated: row.last_updated,
    _links: links,
  };
}

export async function listInlineHooks(_ctx: AppContext, db: Executor, type?: string): Promise<InlineHookRow[]> {
  let query = db.selectFrom('inline_hooks').selectAll();
  if (type !== undefined) query = query.where('type', '=', type);
  return query.orderBy('created', 'asc').orderBy('id', 'asc').execute();
}

export async function findInlineHook(db: Executor, id: string): Promise<InlineHookRow | undefined> {
  return db.selectFrom('inline_hooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getInlineHook(db: Executor, id: string): Promise<InlineHookRow> {
  const row = await findInlineHook(db, id);
  if (!row) throw errors.notFound('InlineHook', id);
  return row;
}

function targetOf(row: { id: string; name: string; type: string }) {
  return [{ id: row.id, type: 'InlineHook', alternateId: row.type, displayName: row.name }];
}

async function assertNameFree(db: Executor, name: string, exceptId?: string): Promise<void> {
  let query = db.selectFrom('inline_hooks').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) {
    throw errors.validation('name', [{ errorSummary: 'name: An inline hook with this name already exists' }]);
  }
}

/**
 * The type's one-per-org rule (its declaration's `onePerOrg`), for a hook of the type about to be created
 * (new hooks are ACTIVE) or activated (`exceptId`: the hook itself).
 */
async function assertOnePerOrg(ctx: AppContext, db: Executor, type: string, change: 'create' | 'activate', exceptId?: string): Promise<void> {
  const rule = hookTypeOf(ctx, type)?.onePerOrg;
  if (!rule || (rule.count === 'hooks' && change === 'activate')) return;
  let query = db.selectFrom('inline_hooks').select('id').where('type', '=', type);
  if (rule.count === 'active') query = query.where('status', '=', 'ACTIVE');
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw errors.limitExceeded(rule.message);
}

function sealedSecret(ctx: AppContext, valid: ValidInlineHook, current: string | null): string | null {
  if (valid.secret === 'keep') return current;
  if (valid.secret === 'none') return null;
  return ctx.secrets.encrypt(valid.secret.set);
}

/** Creates a hook (ACTIVE, as Okta) and writes `inline_hook.created`. */
export async function createInlineHook(ctx: AppContext, audit: AuditContext, body: InlineHookBody): Promise<OktaInlineHook> {
  const valid = validateInlineHook(ctx, body);
  const now = ctx.clock().toISOString();
  const row: InlineHookRow = {
    id: newId('inlineHook'),
    name: valid.name,
    type: valid.type,
    status: 'ACTIVE',
    version: valid.version,
    channel: JSON.stringify(valid.channel),
    secret_encrypted: sealedSecret(ctx, valid, null),
    created: now,
    last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const count = await trx.selectFrom('inline_hooks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_INLINE_HOOKS) throw errors.limitExceeded(`An org can have at most ${MAX_INLINE_HOOKS} inline hooks`);
    await assertOnePerOrg(ctx, trx, valid.type, 'create');
    await assertNameFree(trx, valid.name);
    await trx.insertInto('inline_hooks').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'inline_hook.created', displayMessage: 'Inline hook created', target: targetOf(row) });
  });
  return toOktaInlineHook(ctx, row);
}

/**
 * PUT replaces name, version and channel (all required; `type` cannot change). POST updates: members left
 * out keep their value, and `channel.config` members left out keep theirs when the channel type is the same.
 */
export async function updateInlineHook(ctx: AppContext, audit: AuditContext, id: string, body: InlineHookBody, mode: 'replace' | 'merge'): Promise<OktaInlineHook> {
  const current = await getInlineHook(ctx.db, id);
  const currentChannel = parseChannel(current.channel);
  const effective = mode === 'replace' ? body : mergeBody(current, currentChannel, body);
  const valid = validateInlineHook(ctx, effective, {
    type: current.type, channel: currentChannel, hasSecret: current.secret_encrypted !== null,
  });
  const updated: InlineHookRow = {
    ...current,
    name: valid.name,
    version: valid.version,
    channel: JSON.stringify(valid.channel),
    secret_encrypted: sealedSecret(ctx, valid, current.secret_encrypted),
    last_updated: ctx.clock().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await assertNameFree(trx, valid.name, id);
    await trx.updateTable('inline_hooks').set({
      name: updated.name, version: updated.version, channel: updated.channel, secret_encrypted: updated.secret_encrypted, last_updated: updated.last_updated,
    }).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'inline_hook.updated', displayMessage: 'Inline hook updated', target: targetOf(updated) });
  });
  return toOktaInlineHook(ctx, updated);
}

function mergeBody(current: InlineHookRow, channel: HookChannel, body: InlineHookBody): InlineHookBody {
  const merged: InlineHookBody = { name: body.name ?? current.name, type: body.type, version: body.version ?? current.version };
  if (!body.channel) {
    merged.channel = { ...channel, config: { ...channel.config } };
  } else if (body.channel.type === undefined || body.channel.type === channel.type) {
    merged.channel = { ...channel, ...body.channel, type: channel.type, config: { ...channel.config, ...body.channel.config } };
  } else {
    merged.channel = body.channel;
  }
  return merged;
}

/** Activates or deactivates a hook (`inline_hook.activated` / `inline_hook.deactivated`); a no-op when already so. */
export async function setInlineHookStatus(ctx: AppContext, audit: AuditContext, id: string, status: 'ACTIVE' | 'INACTIVE'): Promise<OktaInlineHook> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await getInlineHook(trx, id);
    if (row.status === status) return toOktaInlineHook(ctx, row);
    if (status === 'ACTIVE') await assertOnePerOrg(ctx, trx, row.type, 'activate', id);
    const updated = { ...row, status, last_updated: ctx.clock().toISOString() };
    await trx.updateTable('inline_hooks').set({ status, last_updated: updated.last_updated }).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'inline_hook.activated' : 'inline_hook.deactivated',
      displayMessage: status === 'ACTIVE' ? 'Inline hook activated' : 'Inline hook deactivated',
      target: targetOf(row),
    });
    return toOktaInlineHook(ctx, updated);
  });
}

/** Deletes an INACTIVE hook (`inline_hook.deleted`); an ACTIVE one is refused. */
export async function deleteInlineHook(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx: Trx) => {
    const row = await getInlineHook(trx, id);
    if (row.status === 'ACTIVE') {
      throw errors.validation('Cannot delete an ACTIVE inline hook. Deactivate it first.', [
        { errorSummary: 'status: Only an INACTIVE inline hook can be deleted' },
      ]);
    }
    await trx.deleteFrom('inline_hooks').where('id', '=', id).execute();
    // The toolkit's settings and what it kept of the hook's calls (people's requests) go with it.
    for (const table of ['inline_hook_toolkit', 'inline_hook_recordings', 'inline_hook_shadow_calls'] as const) {
      await trx.deleteFrom(table).where('hook_id', '=', id).execute();
    }
    await recordEvent(ctx, trx, audit, { eventType: 'inline_hook.deleted', displayMessage: 'Inline hook deleted', target: targetOf(row) });
  });
}

/**
 * The test endpoint (reference §4.6): sends `payload` as is through the hook's channel with the runner's rules,
 * and returns the endpoint's reply JSON verbatim (`{}` for an empty reply). No valid reply → 400.
 */
export async function executeInlineHook(ctx: AppContext, audit: AuditContext, id: string, payload: Record<string, unknown>): Promise<unknown> {
  const row = await getInlineHook(ctx.db, id);
  const definition = hookTypeOf(ctx, row.type);
  if (!definition) throw errors.internal();
  const result = await runInlineHook(ctx, audit, row, definition, payload, { toolkit: false });
  if (!result.ok) {
    // A well-formed reply with an `error` object is the hook's answer (every type's contract has one), even
    // where the real flow counts it as a failure (SAML, telephony): return it like any other.
    if (isWellFormedErrorReply(definition, result.replyJson)) return result.replyJson;
    throw new OktaError(400, 'E0000001', 'Api validation failed: The inline hook did not return a valid response', [{ errorSummary: result.error }]);
  }
  return result.replyJson;
}

/** A 2xx reply that matches the type's reply format and carries an `error` object (the type's checks stop there). */
function isWellFormedErrorReply(definition: InlineHookTypeDefinition, replyJson: unknown): boolean {
  if (typeof replyJson !== 'object' || replyJson === null) return false;
  const parsed = parseHookReply(definition, JSON.stringify(replyJson));
  return 'reply' in parsed && parsed.reply.error !== null;
}
