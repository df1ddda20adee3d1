import type { Card, Field, FlowDefinition, FlowGraph, Wire } from './flow.schema.js';
import { setOwn } from './own-keys.js';

/*
 * One key order for every flow document, so that two saves of the same flow are byte-identical and a
 * diff shows only what changed. Model objects keep the schema's order; free-form data (literal values,
 * `okta` bags) gets its keys sorted.
 */

type Json = unknown;

/** Free-form JSON with object keys sorted, recursively; `undefined` members dropped. */
export function sortKeysDeep(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, Json>)[key];
      if (member !== undefined) setOwn(out, key, sortKeysDeep(member));
    }
    return out;
  }
  return value;
}

function ordered(pairs: Array<[string, Json]>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, value] of pairs) if (value !== undefined) out[key] = value;
  return out;
}

const free = (value: Json): Json => (value === undefined ? undefined : sortKeysDeep(value));

function normalizeWire(wire: Wire): Wire {
  return ordered([
    ['from', ordered([['card', wire.from.card], ['field', wire.from.field]])],
    ['to', ordered([['card', wire.to.card], ['field', wire.to.field]])],
    ['convert', wire.convert],
    ['forceWrapArray', wire.forceWrapArray],
    ['okta', free(wire.okta)],
  ]) as Wire;
}

function normalizeField(field: Field): Field {
  return ordered([
    ['id', field.id],
    ['key', field.key],
    ['type', free(field.type)],
    ['list', field.list],
    ['group', field.group],
    ['label', field.label],
    ['custom', field.custom],
    ['value', free(field.value)],
    ['flow', field.flow === undefined ? undefined : normalizeGraph(field.flow)],
    ['okta', free(field.okta)],
  ]) as Field;
}

export function normalizeCard(card: Card): Card {
  return ordered([
    ['id', card.id],
    ['type', card.type],
    ['name', card.name],
    ['inputs', card.inputs?.map(normalizeField)],
    ['outputs', card.outputs?.map(normalizeField)],
    [
      'branches',
      card.branches?.map((branch) =>
        ordered([
          ['when', branch.when],
          ['head', branch.head === undefined ? undefined : normalizeCard(branch.head)],
          ['cards', branch.cards.map(normalizeCard)],
        ]),
      ),
    ],
    ['joins', free(card.joins)],
    ['onError', free(card.onError)],
    ['comments', free(card.comments)],
    ['okta', free(card.okta)],
  ]) as Card;
}

export function normalizeGraph(graph: FlowGraph): FlowGraph {
  return ordered([
    ['cards', graph.cards.map(normalizeCard)],
    ['wires', graph.wires.map(normalizeWire)],
    ['okta', free(graph.okta)],
  ]) as FlowGraph;
}

/** The flow with every key in its canonical place (and nothing else changed). */
export function normalizeFlow(flow: FlowDefinition): FlowDefinition {
  return ordered([
    ['format', flow.format],
    ['id', flow.id],
    ['name', flow.name],
    ['description', flow.description],
    ['securityLevel', flow.securityLevel],
    ['saveAllData', flow.saveAllData],
    ['folderId', flow.folderId],
    ['flopackVersion', flow.flopackVersion],
    ['schedule', flow.schedule === undefined ? undefined : ordered([['cron', free(flow.schedule.cron)], ['enabled', flow.schedule.enabled]])],
    ['cards', flow.cards.map(normalizeCard)],
    ['wires', flow.wires.map(normalizeWire)],
    ['okta', free(flow.okta)],
  ]) as FlowDefinition;
}

/** The flow as the text Tollgate stores and shows: canonical key order, two-space indent. */
export function formatFlow(flow: FlowDefinition): string {
  return `${JSON.stringify(normalizeFlow(flow), null, 2)}\n`;
}
