import type { Card, FlowDefinition } from '../model/index.js';
import { cardsWithNested } from '../model/walk.js';

/*
 * What a flow's cards reference outside the flow (nested flows included): the tables of its Tables cards
 * and the connections of its connector cards. An export carries them along; a connection lists the flows
 * that use it.
 */

type JsonObject = Record<string, unknown>;

/** The ids of the tables the flow's Tables cards use (their `stash` input). */
export function tableIdsOfFlow(definition: Pick<FlowDefinition, 'cards'>): string[] {
  const ids = new Set<string>();
  for (const card of cardsWithNested(definition)) {
    if (!card.type.startsWith('stash:')) continue;
    for (const field of card.inputs ?? []) if (field.key === 'stash' && typeof field.value === 'string' && field.value !== '') ids.add(field.value);
  }
  return [...ids];
}

/** The ids of the connections a flow's cards reference (Okta's `node.model.config`; nested flows included). */
export function connectionIdsOfFlow(definition: Pick<FlowDefinition, 'cards'>): string[] {
  const ids = new Set<string>();
  for (const card of cardsWithNested(definition)) {
    const id = configOf(card);
    if (id !== undefined) ids.add(id);
  }
  return [...ids];
}

function configOf(card: Card): string | undefined {
  const node = card.okta?.node;
  const model = isObject(node) ? node.model : undefined;
  const config = isObject(model) ? model.config : undefined;
  return typeof config === 'string' && config !== '' ? config : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
