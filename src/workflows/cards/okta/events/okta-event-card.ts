import { defineCard, type CardDeclaration, type CardRunContext } from '../../../engine/card.js';
import { isPlainObject } from '../../../engine/values/types.js';
import type { Field } from '../../../model/flow.schema.js';
import { OKTA_EVENT_TYPES } from './event-types.js';

/*
 * Okta's event cards ("User Created", "User Added to Group", ...): they start a flow when the org writes
 * a System Log event of their type. Okta's exports (connector versions 1.0.2xx–1.0.6xx, `webhookList`)
 * declare two outputs: `collection`, a list of `{Output: {...}}` items, one per event the flow run
 * receives (each with fields named as in Okta's editor: "Date and Time", "Okta User", ...), and
 * `context.execution_id`. Templates hand `collection` to For Each, whose helper flow reads the
 * `Output` group. Tollgate starts one run per event, so the list holds one item; a run by hand has none.
 *
 * Each export declares which fields its item has (older versions have fewer); an item carries exactly
 * the fields (and sub-fields) the output declares, matched by name.
 */

/** Okta's typed-object notation for the fields of an object: `{name: {type, collection}}`. */
type TypedFields = Record<string, { type: unknown; collection: boolean }>;

/** `ID`, `Alternate ID`, `Display Name`, `Type`: how Okta shows an actor or a target. */
export const ENTITY: TypedFields = {
  ID: { type: 'string', collection: false },
  'Alternate ID': { type: 'string', collection: false },
  'Display Name': { type: 'string', collection: false },
  Type: { type: 'string', collection: false },
};

const text = { type: 'string', collection: false };
const object = { type: 'object', collection: false };
const entity = { type: ENTITY, collection: false };

/** Every field an Okta event card item can have, with its type, in Okta's order. */
export const EVENT_FIELDS: TypedFields = {
  'Date and Time': text,
  Message: text,
  'Event ID': text,
  'Event Type': text,
  'Legacy Event Type': text,
  'Event Time': text,
  Version: text,
  UUID: text,
  Severity: text,
  Result: text,
  'Changed Attributes': text,
  Admin: entity,
  Actor: entity,
  'Okta User': entity,
  Group: entity,
  'Application User': entity,
  Application: entity,
  'Review Item': entity,
  'User Groups': { type: { ID: text, Name: text, Description: text }, collection: true },
  Name: text,
  Email: text,
  'User ID': text,
  'Suspicious Activity Details': text,
  Client: object,
  Transaction: object,
  'Authentication Context': object,
  'Security Context': object,
  'Full Details': object,
  'Event Details': object,
  Headers: object,
  Source: text,
  'Debug Context': { type: { 'Debug Data': object }, collection: false },
};

export type EventFieldName = keyof typeof EVENT_FIELDS;

/** What an Okta event card is: its Okta key, title, the newest connector version seen, and its item's fields. */
export interface OktaEventCardSpec {
  key: string;
  title: string;
  description: string;
  /** The connector version of the address (`root:channels:http:okta:<version>:<key>`). */
  version: string;
  /** The item's fields, in Okta's order (as the newest export declares them). */
  fields: readonly EventFieldName[];
}

export function oktaEventCard(spec: OktaEventCardSpec): CardDeclaration {
  const type = `okta:${spec.key}`;
  const eventTypes = OKTA_EVENT_TYPES[type] ?? [];
  const itemType = { Output: { type: Object.fromEntries(spec.fields.map((name) => [name, EVENT_FIELDS[name]])), collection: false } };
  return defineCard({
    type,
    title: spec.title,
    description: `${spec.description} (${eventTypes.join(', ')})`,
    kind: 'event',
    // By hand (Okta's "Test"), the flow gets no event: an empty list.
    triggers: ['event', 'manual'],
    okta: { address: `root:channels:http:okta:${spec.version}:${spec.key}`, timeout: 30000 },
    inputs: [],
    outputs: [
      { key: 'collection', type: itemType, list: true, label: 'list' },
      { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
    ],
    run: (ctx) => ({ outputs: eventCardOutputs(ctx, spec.fields) }),
  });
}

function eventCardOutputs(ctx: CardRunContext, defaultFields: readonly EventFieldName[]): Record<string, unknown> {
  const event = ctx.trigger.kind === 'event' ? ctx.trigger.event : undefined;
  const deliveredAt = ctx.now().toISOString();
  const outputs: Record<string, unknown> = {};
  for (const field of ctx.outputFields) {
    if (field.group === 'context') outputs[field.id] = field.key === 'execution_id' ? ctx.executionId : null;
    else if (field.key === 'collection' || field.list) {
      const fields = declaredItemFields(field) ?? defaultTyped(defaultFields);
      outputs[field.id] = event ? [{ Output: shaped(fields, (name) => eventField(event, name, deliveredAt)) }] : [];
    } else if (Object.hasOwn(EVENT_FIELDS, field.key)) {
      // A flow authored with the item's fields as single outputs (group `Output`) gets them directly.
      outputs[field.id] = event ? shapedValue(eventField(event, field.key, deliveredAt), field.type, EVENT_FIELDS[field.key].type) : null;
    } else outputs[field.id] = null;
  }
  return outputs;
}

/** The fields of the `Output` object of a `collection` output, as the export typed them. */
function declaredItemFields(field: Field): TypedFields | undefined {
  const type = field.type;
  if (!isPlainObject(type) || !isPlainObject(type.Output) || !isPlainObject(type.Output.type)) return undefined;
  return type.Output.type as TypedFields;
}

function defaultTyped(fields: readonly EventFieldName[]): TypedFields {
  return Object.fromEntries(fields.map((name) => [name, EVENT_FIELDS[name]]));
}

/** An object with exactly the typed fields, each from `valueOf`, cut down to the sub-fields its type names. */
function shaped(fields: TypedFields, valueOf: (name: string) => unknown): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(fields)) {
    item[name] = shapedValue(valueOf(name), spec?.type, EVENT_FIELDS[name]?.type);
  }
  return item;
}

function shapedValue(value: unknown, declared: unknown, fallback: unknown): unknown {
  const type = isPlainObject(declared) ? declared : isPlainObject(fallback) ? fallback : undefined;
  if (!type || value === null || value === undefined) return value ?? null;
  const fields = type as TypedFields;
  if (Array.isArray(value)) return value.map((entry) => (isPlainObject(entry) ? shaped(fields, (name) => entry[name]) : entry));
  if (isPlainObject(value)) return shaped(fields, (name) => value[name]);
  return value;
}

/** One field of Okta's event card item, from the System Log event. */
export function eventField(event: Record<string, unknown>, name: string, deliveredAt: string): unknown {
  const debugData = objectAt(objectAt(event, 'debugContext'), 'debugData');
  switch (name) {
    case 'Date and Time':
      return event.published ?? null;
    case 'Message':
      return event.displayMessage ?? null;
    // One event per run: the event's uuid identifies both the event and its delivery.
    case 'Event ID':
    case 'UUID':
      return event.uuid ?? null;
    case 'Event Type':
      return event.eventType ?? null;
    case 'Legacy Event Type':
      return event.legacyEventType ?? null;
    // "When the notification was delivered": when the run started.
    case 'Event Time':
      return deliveredAt;
    case 'Version':
      return event.version ?? null;
    case 'Severity':
      return event.severity ?? null;
    case 'Result':
      return objectAt(event, 'outcome').result ?? null;
    case 'Changed Attributes':
      return typeof debugData.changedAttributes === 'string' ? debugData.changedAttributes : null;
    case 'Admin':
    case 'Actor':
      return entityOf(objectAt(event, 'actor'));
    case 'Okta User':
      return entityOf(targetOf(event, ['User']));
    case 'Group':
      return entityOf(targetOf(event, ['UserGroup']));
    case 'Application':
      return entityOf(targetOf(event, ['AppInstance']));
    case 'Application User':
      return entityOf(targetOf(event, ['AppUser']));
    case 'Review Item':
      return entityOf(targetOf(event, ['CertificationCampaignItem', 'AccessCertificationReviewItem']) ?? targets(event)[0]);
    case 'User Groups':
      return targets(event).filter((t) => t.type === 'UserGroup').map((t) => ({ ID: t.id ?? null, Name: t.displayName ?? null, Description: null }));
    // Suspicious Activity Reported: the user who reported it is the actor.
    case 'Name':
      return objectAt(event, 'actor').displayName ?? null;
    case 'Email':
      return objectAt(event, 'actor').alternateId ?? null;
    case 'User ID':
      return objectAt(event, 'actor').id ?? null;
    case 'Suspicious Activity Details': {
      const details = Object.fromEntries(Object.entries(debugData).filter(([key]) => key.startsWith('suspiciousActivity')));
      return Object.keys(details).length > 0 ? JSON.stringify(details) : null;
    }
    case 'Client':
      return event.client ?? null;
    case 'Transaction':
      return event.transaction ?? null;
    case 'Authentication Context':
      return event.authenticationContext ?? null;
    case 'Security Context':
      return event.securityContext ?? null;
    case 'Full Details':
    case 'Event Details':
      return event;
    // Okta's are the event hook request's; Tollgate hands the event over inside the process.
    case 'Headers':
      return {};
    case 'Source':
      return null;
    case 'Debug Context':
      return { 'Debug Data': debugData };
    default:
      return null;
  }
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  if (!isPlainObject(value)) return {};
  const inner = value[key];
  return isPlainObject(inner) ? inner : {};
}

function targets(event: Record<string, unknown>): Array<Record<string, unknown>> {
  return Array.isArray(event.target) ? event.target.filter((t): t is Record<string, unknown> => isPlainObject(t)) : [];
}

function targetOf(event: Record<string, unknown>, types: readonly string[]): Record<string, unknown> | undefined {
  return targets(event).find((t) => typeof t.type === 'string' && types.includes(t.type));
}

function entityOf(value: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!value || Object.keys(value).length === 0) return null;
  return { ID: value.id ?? null, 'Alternate ID': value.alternateId ?? null, 'Display Name': value.displayName ?? null, Type: value.type ?? null };
}
