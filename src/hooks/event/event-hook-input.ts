/**
 * The management API's EventHook body (OAS `EventHook`, reference §5.2): its TypeBox schema and the checks
 * that turn it into what is stored. Every problem becomes one Okta error cause, so a bad body gets one
 * E0000001 listing all of them, and nothing is written. Read-only members (id, status, verificationStatus,
 * created, createdBy, lastUpdated, _links, `channel.config.method`, `filter.type`) are accepted and ignored,
 * so an SDK's GET → change → PUT round trip works.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import { errors, type ErrorCause } from '../../platform/errors.js';
import { checkOutboundUrl } from '../../platform/http-client.js';
import { RESERVED_HEADERS, type HookHeader, type HttpChannel } from '../channel/channel.js';
import { DEFAULT_DELIVERY_POLICY, DeliveryPolicySchema, readDeliveryPolicy, type DeliveryPolicy } from './delivery-policy.js';
import { isEventHookEligible } from './eligible-event-types.js';
import { compileFilter } from './filter/evaluate.js';
import { ExpressionError } from './filter/expression.js';

/** `T | null`, the non-null branch first (Fastify's Ajv coerces; see inline-hook-input.ts). */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const FilterMapEntrySchema = Type.Object({
  event: Type.Optional(Nullable(Type.String())),
  condition: Type.Optional(Nullable(Type.Object({
    expression: Type.Optional(Nullable(Type.String())),
    version: Type.Optional(Nullable(Type.String())),
  }))),
});

export const EventHookBodySchema = Type.Object({
  name: Type.Optional(Type.String()),
  description: Type.Optional(Nullable(Type.String())),
  events: Type.Optional(Type.Object({
    type: Type.Optional(Nullable(Type.String())),
    items: Type.Optional(Nullable(Type.Array(Type.String()))),
    filter: Type.Optional(Nullable(Type.Object({
      type: Type.Optional(Nullable(Type.String())),
      eventFilterMap: Type.Optional(Nullable(Type.Array(FilterMapEntrySchema))),
    }))),
  })),
  channel: Type.Optional(Type.Object({
    type: Type.Optional(Nullable(Type.String())),
    version: Type.Optional(Nullable(Type.String())),
    config: Type.Optional(Nullable(Type.Object({
      uri: Type.Optional(Nullable(Type.String())),
      method: Type.Optional(Nullable(Type.String())),
      headers: Type.Optional(Nullable(Type.Array(Nullable(Type.Object({
        key: Type.Optional(Nullable(Type.String())),
        value: Type.Optional(Nullable(Type.String())),
      }))))),
      authScheme: Type.Optional(Nullable(Type.Object({
        type: Type.Optional(Nullable(Type.String())),
        key: Type.Optional(Nullable(Type.String())),
        value: Type.Optional(Nullable(Type.String())),
      }))),
    }))),
  })),
  /** Tollgate's extension; left out on replace, the hook keeps its policy. */
  deliveryPolicy: Type.Optional(Nullable(DeliveryPolicySchema)),
});
export type EventHookBody = Static<typeof EventHookBodySchema>;

/** The stored (and returned) channel: an inline hook's HTTP channel, the same shape. The auth value is never part of it. */
export type EventHookChannel = HttpChannel;

export interface FilterCondition {
  event: string;
  expression: string;
}

export interface ValidEventHook {
  name: string;
  description: string | null;
  items: string[];
  filter: FilterCondition[] | null;
  channel: EventHookChannel;
  /** A new auth value to encrypt, keep the stored one, or none. */
  secret: { set: string } | 'keep' | 'none';
  deliveryPolicy: DeliveryPolicy;
}

export interface ExistingEventHook {
  channel: EventHookChannel;
  hasSecret: boolean;
  deliveryPolicy: DeliveryPolicy;
}

export const SUPPORTED_VERSION = '1.0.0';
/** Okta: at most 300 event types per hook (reference §5.8). */
export const MAX_EVENT_TYPES = 300;
const MAX_NAME = 255;
const MAX_DESCRIPTION = 1024;
const MAX_SECRET = 4096;
const MAX_HEADERS = 50;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const BAD_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** Set by Tollgate on deliveries (Standard Webhooks signatures) and verification. */
const EVENT_HOOK_RESERVED = new Set(['webhook-id', 'webhook-timestamp', 'webhook-signature', 'x-okta-verification-challenge']);

type Fail = (field: string, message: string) => void;

/** Checks a create or replace body; `existing` is the hook a replace changes. */
export function validateEventHook(ctx: AppContext, body: EventHookBody, existing?: ExistingEventHook): ValidEventHook {
  const causes: ErrorCause[] = [];
  const fail: Fail = (field, message) => causes.push({ errorSummary: `${field}: ${message}` });

  const name = body.name?.trim() ?? '';
  if (!name) fail('name', 'The field cannot be left blank');
  else if (name.length > MAX_NAME) fail('name', `The name must be at most ${MAX_NAME} characters`);

  const description = body.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION) fail('description', `The description must be at most ${MAX_DESCRIPTION} characters`);

  const { items, filter } = readEvents(body.events, fail);
  const channelResult = readChannel(ctx, body.channel, existing, fail);

  let deliveryPolicy = existing?.deliveryPolicy ?? DEFAULT_DELIVERY_POLICY;
  if (body.deliveryPolicy) deliveryPolicy = readDeliveryPolicy(body.deliveryPolicy, fail);
  else if (body.deliveryPolicy === null) deliveryPolicy = DEFAULT_DELIVERY_POLICY;

  if (causes.length > 0 || !channelResult) throw errors.validation(causes[0]?.errorSummary.split(':')[0] ?? 'eventHook', causes);
  return { name, description, items, filter, channel: channelResult.channel, secret: channelResult.secret, deliveryPolicy };
}

function readEvents(events: EventHookBody['events'], fail: Fail): { items: string[]; filter: FilterCondition[] | null } {
  if (!events) {
    fail('events', 'The field cannot be left blank');
    return { items: [], filter: null };
  }
  if (events.type && events.type !== 'EVENT_TYPE') fail('events.type', `Unsupported type '${events.type}'. The supported type is EVENT_TYPE`);
  const items: string[] = [];
  const list = events.items ?? [];
  if (list.length === 0) fail('events.items', 'At least one event type is required');
  if (list.length > MAX_EVENT_TYPES) fail('events.items', `An event hook can subscribe to at most ${MAX_EVENT_TYPES} event types`);
  const seen = new Set<string>();
  for (const [i, item] of list.slice(0, MAX_EVENT_TYPES + 1).entries()) {
    if (seen.has(item)) fail(`events.items[${i}]`, `The event type '${item}' appears more than once`);
    else if (!isEventHookEligible(item)) fail(`events.items[${i}]`, `'${item}' is not an event type eligible for event hooks`);
    seen.add(item);
    items.push(item);
  }

  const map = events.filter?.eventFilterMap;
  if (!events.filter || !map || map.length === 0) return { items, filter: null };
  if (events.filter.type && events.filter.type !== 'EXPRESSION_LANGUAGE') {
    fail('events.filter.type', `Unsupported filter type '${events.filter.type}'. The supported type is EXPRESSION_LANGUAGE`);
  }
  const filter: FilterCondition[] = [];
  const filtered = new Set<string>();
  for (const [i, entry] of map.entries()) {
    const field = `events.filter.eventFilterMap[${i}]`;
    const event = entry.event ?? '';
    const expression = entry.condition?.expression?.trim() ?? '';
    if (!event) fail(`${field}.event`, 'The field cannot be left blank');
    else if (!seen.has(event)) fail(`${field}.event`, `'${event}' is not one of the hook's event types (events.items)`);
    else if (filtered.has(event)) fail(`${field}.event`, `'${event}' has more than one filter; combine the conditions with && or ||`);
    filtered.add(event);
    if (!expression) {
      fail(`${field}.condition.expression`, 'The field cannot be left blank');
      continue;
    }
    try {
      compileFilter(expression);
    } catch (err) {
      if (!(err instanceof ExpressionError)) throw err;
      fail(`${field}.condition.expression`, `Invalid expression: ${err.message}`);
      continue;
    }
    filter.push({ event, expression });
  }
  return { items, filter };
}

function readChannel(ctx: AppContext, ch: EventHookBody['channel'], existing: ExistingEventHook | undefined, fail: Fail): { channel: EventHookChannel; secret: ValidEventHook['secret'] } | undefined {
  if (!ch) {
    fail('channel', 'The field cannot be left blank');
    return undefined;
  }
  if (ch.type !== 'HTTP') fail('channel.type', ch.type ? `Unsupported channel type '${ch.type}'. The supported type is HTTP` : 'The field cannot be left blank');
  const version = ch.version || SUPPORTED_VERSION;
  if (version !== SUPPORTED_VERSION) fail('channel.version', `Unsupported version '${version}'. The supported version is ${SUPPORTED_VERSION}`);
  const config = ch.config;
  if (!config) {
    fail('channel.config', 'The field cannot be left blank');
    return undefined;
  }
  const uri = config.uri ?? '';
  if (!uri) fail('channel.config.uri', 'The field cannot be left blank');
  else {
    const problem = checkOutboundUrl(ctx.config, uri);
    if (problem) fail('channel.config.uri', problem);
  }
  if (config.method && config.method.toUpperCase() !== 'POST') fail('channel.config.method', `Unsupported method '${config.method}'. Event hooks are delivered with POST`);

  const headers: HookHeader[] = [];
  const list = (config.headers ?? []).filter((h) => h !== null);
  if (list.length > MAX_HEADERS) fail('channel.config.headers', `At most ${MAX_HEADERS} headers are allowed`);
  const seen = new Set<string>();
  for (const [i, h] of list.entries()) {
    const field = `channel.config.headers[${i}]`;
    const key = h.key ?? '';
    const value = h.value ?? '';
    const lower = key.toLowerCase();
    if (!HEADER_NAME.test(key)) fail(`${field}.key`, `'${key}' is not a valid header name`);
    else if (RESERVED_HEADERS.has(lower) || EVENT_HOOK_RESERVED.has(lower)) fail(`${field}.key`, `The header '${key}' is reserved and cannot be set`);
    else if (seen.has(lower)) fail(`${field}.key`, `The header '${key}' appears more than once`);
    if (BAD_HEADER_VALUE.test(value)) fail(`${field}.value`, 'A header value cannot contain control characters');
    seen.add(lower);
    headers.push({ key, value });
  }

  let authScheme: EventHookChannel['config']['authScheme'] = null;
  let secret: ValidEventHook['secret'] = 'none';
  const a = config.authScheme;
  if (a && (a.type || a.key || a.value)) {
    if (!a.type || a.type.toUpperCase() !== 'HEADER') fail('channel.config.authScheme.type', a.type ? `Unsupported authScheme type '${a.type}'. The supported type is HEADER` : 'The field cannot be left blank');
    const key = a.key ?? '';
    if (!key) fail('channel.config.authScheme.key', 'The field cannot be left blank');
    else if (!HEADER_NAME.test(key)) fail('channel.config.authScheme.key', `'${key}' is not a valid header name`);
    else if (RESERVED_HEADERS.has(key.toLowerCase()) || EVENT_HOOK_RESERVED.has(key.toLowerCase())) fail('channel.config.authScheme.key', `The header '${key}' is reserved and cannot be set`);
    else if (seen.has(key.toLowerCase())) fail('channel.config.authScheme.key', `The header '${key}' is also one of the custom headers`);
    if (a.value) {
      if (a.value.length > MAX_SECRET) fail('channel.config.authScheme.value', `The value must be at most ${MAX_SECRET} characters`);
      else if (BAD_HEADER_VALUE.test(a.value)) fail('channel.config.authScheme.value', 'A header value cannot contain control characters');
      secret = { set: a.value };
    } else if (existing?.channel.config.authScheme && existing.hasSecret && existing.channel.config.authScheme.key.toLowerCase() === key.toLowerCase()) {
      // The value is write-only: a round trip that leaves it out keeps the stored one.
      secret = 'keep';
    } else {
      fail('channel.config.authScheme.value', 'The field cannot be left blank');
    }
    authScheme = { type: 'HEADER', key };
  }
  return { channel: { type: 'HTTP', version, config: { uri, method: 'POST', headers, authScheme } }, secret };
}
