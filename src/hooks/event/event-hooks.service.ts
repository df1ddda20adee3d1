/**
 * Event hooks as Okta's management API sees them (reference §5.1–5.3): create, read, replace, lifecycle,
 * verify and delete. Each change and its System Log event commit in one transaction, and every change to
 * what hooks receive bumps the subscription version (see subscriptions.ts).
 */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { EventHooksTable } from '../../platform/db/tables/event-hooks.js';
import { errors } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { DEFAULT_DELIVERY_POLICY, parseDeliveryPolicy } from './delivery-policy.js';
import { validateEventHook, type EventHookBody, type EventHookChannel, type FilterCondition, type ValidEventHook } from './event-hook-input.js';
import { EVENT_HOOK_SINK } from './event-hook-sink.js';
import { bumpSubscriptionVersion } from '../../events/subscription-version.js';
import type { EventHook, EventHookLink } from './event-hook.schema.js';

export type EventHookRow = Selectable<EventHooksTable>;

/** Okta: "A maximum of 25 event hooks are allowed for each org" (reference §5.8). */
export const MAX_EVENT_HOOKS = 25;

type Link = EventHookLink;

/** Okta's EventHook JSON (event-hook.schema.ts). */
export type OktaEventHook = EventHook;

/** Okta's EventHook JSON. The auth value is not part of the stored channel, so it can never leak from here. */
export function toOktaEventHook(ctx: AppContext, row: EventHookRow): OktaEventHook {
  const self = `${ctx.config.issuer}/api/v1/eventHooks/${row.id}`;
  const post = (href: string): Link => ({ href, hints: { allow: ['POST'] } });
  const active = row.status === 'ACTIVE';
  const links: Record<string, Link> = { self: { href: self }, verify: post(`${self}/lifecycle/verify`) };
  if (active) links.deactivate = post(`${self}/lifecycle/deactivate`);
  else {
    links.activate = post(`${self}/lifecycle/activate`);
    links.delete = { href: self, hints: { allow: ['DELETE'] } };
  }
  links.deliveries = { href: `${self}/deliveries`, hints: { allow: ['GET'] } };
  const filter = row.filter ? (JSON.parse(row.filter) as FilterCondition[]) : null;
  return {
    id: row.id,
    status: active ? 'ACTIVE' : 'INACTIVE',
    verificationStatus: row.verification_status === 'VERIFIED' ? 'VERIFIED' : 'UNVERIFIED',
    name: row.name,
    description: row.description,
    created: row.created,
    createdBy: row.created_by,
    lastUpdated: row.last_updated,
    events: {
      type: 'EVENT_TYPE',
      items: JSON.parse(row.events) as string[],
      filter: filter && filter.length > 0
        ? { type: 'EXPRESSION_LANGUAGE', eventFilterMap: filter.map((f) => ({ event: f.event, condition: { version: null, expression: f.expression } })) }
        : null,
    },
    channel: JSON.parse(row.channel) as EventHookChannel,
    deliveryPolicy: parseDeliveryPolicy(row.delivery_policy),
    _links: links,
  };
}

export async function listEventHooks(db: Executor): Promise<EventHookRow[]> {
  return db.selectFrom('event_hooks').selectAll().orderBy('created', 'asc').orderBy('id', 'asc').execute();
}

export async function getEventHook(db: Executor, id: string): Promise<EventHookRow> {
  const row = await db.selectFrom('event_hooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('EventHook', id);
  return row;
}

export function eventHookTarget(row: { id: string; name: string }) {
  return [{ id: row.id, type: 'EventHook', alternateId: row.id, displayName: row.name }];
}

function sealedSecret(ctx: AppContext, valid: ValidEventHook, current: string | null): string | null {
  if (valid.secret === 'keep') return current;
  if (valid.secret === 'none') return null;
  return ctx.secrets.encrypt(valid.secret.set);
}

/** Creates a hook, ACTIVE and UNVERIFIED as Okta does, and writes `event_hook.created`. */
export async function createEventHook(ctx: AppContext, audit: AuditContext, body: EventHookBody): Promise<OktaEventHook> {
  const valid = validateEventHook(ctx, body);
  const now = ctx.clock().toISOString();
  const row: EventHookRow = {
    id: newId('eventHook'),
    name: valid.name,
    description: valid.description,
    status: 'ACTIVE',
    verification_status: 'UNVERIFIED',
    events: JSON.stringify(valid.items),
    filter: valid.filter ? JSON.stringify(valid.filter) : null,
    channel: JSON.stringify(valid.channel),
    secret_encrypted: sealedSecret(ctx, valid, null),
    delivery_policy: JSON.stringify(valid.deliveryPolicy ?? DEFAULT_DELIVERY_POLICY),
    consecutive_failures: 0,
    created: now,
    created_by: audit.actor.id,
    last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const count = await trx.selectFrom('event_hooks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_EVENT_HOOKS) throw errors.limitExceeded(`An org can have at most ${MAX_EVENT_HOOKS} event hooks`);
    await trx.insertInto('event_hooks').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'event_hook.created', displayMessage: 'Event hook created', target: eventHookTarget(row) });
  });
  return toOktaEventHook(ctx, row);
}

/**
 * PUT: name, description, events and channel are replaced (Okta's replace). A changed channel (URI, headers,
 * auth header or its value) makes the hook UNVERIFIED again. `deliveryPolicy` left out keeps the current one.
 */
export async function replaceEventHook(ctx: AppContext, audit: AuditContext, id: string, body: EventHookBody): Promise<OktaEventHook> {
  const current = await getEventHook(ctx.db, id);
  const currentChannel = JSON.parse(current.channel) as EventHookChannel;
  const valid = validateEventHook(ctx, body, {
    channel: currentChannel, hasSecret: current.secret_encrypted !== null, deliveryPolicy: parseDeliveryPolicy(current.delivery_policy),
  });
  const channel = JSON.stringify(valid.channel);
  const channelChanged = channel !== current.channel || (valid.secret !== 'keep' && !sameSecret(ctx, valid, current.secret_encrypted));
  const updated: EventHookRow = {
    ...current,
    name: valid.name,
    description: valid.description,
    events: JSON.stringify(valid.items),
    filter: valid.filter ? JSON.stringify(valid.filter) : null,
    channel,
    secret_encrypted: sealedSecret(ctx, valid, current.secret_encrypted),
    delivery_policy: JSON.stringify(valid.deliveryPolicy),
    verification_status: channelChanged ? 'UNVERIFIED' : current.verification_status,
    last_updated: ctx.clock().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const { id: _id, created: _c, created_by: _b, status: _s, consecutive_failures: _f, ...changes } = updated;
    const result = await trx.updateTable('event_hooks').set(changes).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw errors.notFound('EventHook', id);
    await bumpSubscriptionVersion(trx);
    await recordEvent(ctx, trx, audit, {
      eventType: 'event_hook.updated', displayMessage: 'Event hook updated', target: eventHookTarget(updated),
      debugData: channelChanged ? { verificationReset: true } : {},
    });
  });
  return toOktaEventHook(ctx, await getEventHook(ctx.db, id));
}

function sameSecret(ctx: AppContext, valid: ValidEventHook, current: string | null): boolean {
  if (valid.secret === 'none') return current === null;
  if (valid.secret === 'keep' || current === null) return valid.secret === 'keep';
  try {
    return ctx.secrets.decrypt(current) === valid.secret.set;
  } catch {
    return false;
  }
}

/** Activates or deactivates a hook (`event_hook.activated` / `event_hook.deactivated`); a no-op when already so. */
export async function setEventHookStatus(ctx: AppContext, audit: AuditContext, id: string, status: 'ACTIVE' | 'INACTIVE'): Promise<OktaEventHook> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await getEventHook(trx, id);
    if (row.status === status) return toOktaEventHook(ctx, row);
    const updated = { ...row, status, consecutive_failures: 0, last_updated: ctx.clock().toISOString() };
    await trx.updateTable('event_hooks').set({ status, consecutive_failures: 0, last_updated: updated.last_updated }).where('id', '=', id).execute();
    await bumpSubscriptionVersion(trx);
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'event_hook.activated' : 'event_hook.deactivated',
      displayMessage: status === 'ACTIVE' ? 'Event hook activated' : 'Event hook deactivated',
      target: eventHookTarget(row),
    });
    return toOktaEventHook(ctx, updated);
  });
}

/** Deletes an INACTIVE hook with its queue, delivery log and signing secrets (`event_hook.deleted`). */
export async function deleteEventHook(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await getEventHook(trx, id);
    if (row.status === 'ACTIVE') {
      throw errors.validation('Cannot delete an ACTIVE event hook. Deactivate it first.', [
        { errorSummary: 'status: Only an INACTIVE event hook can be deleted' },
      ]);
    }
    await ctx.events.outbox.forgetTarget(trx, EVENT_HOOK_SINK, id);
    await trx.deleteFrom('event_hook_deliveries').where('hook_id', '=', id).execute();
    await trx.deleteFrom('event_hook_signing_secrets').where('hook_id', '=', id).execute();
    await trx.deleteFrom('event_hooks').where('id', '=', id).execute();
    await bumpSubscriptionVersion(trx);
    await recordEvent(ctx, trx, audit, { eventType: 'event_hook.deleted', displayMessage: 'Event hook deleted', target: eventHookTarget(row) });
  });
}
