import type { Card, FlowDefinition, FlowGraph } from '../model/index.js';

/*
 * What a flow's cards reference outside the flow (nested flows included): the tables of its Tables cards
 * and the connections of its connector cards. An export carries them along; a connection lists the flows
 * that use it.
 */

type JsonObject = Record<string, unknown>;

/** The ids of the tables the flow's Tables cards use (their `stash` input). */
export function tableIdsOfFlow(definition: Pick<FlowDefinition, 'cards'>): string[] {
  const ids = new Set<string>();
  const visitGraph = (graph: Pick<FlowGraph, 'cards'>) => graph.cards.forEach(visitCard);
  function visitCard(card: Card): void {
    for (const field of card.inputs ?? []) {
      if (card.type.startsWith('stash:') && field.key === 'stash' && typeof field.value === 'string' && field.value !== '') ids.add(field.value);
      if (field.flow) visitGraph(field.flow);
    }
    for (const field of card.outputs ?? []) if (field.flow) visitGraph(field.flow);
    for (const branch of card.branches ?? []) {
      if (branch.head) visitCard(branch.head);
      branch.cards.forEach(visitCard);
    }
  }
  visitGraph(definition);
  return [...ids];
}

/** The ids of the connections a flow's cards reference (Okta's `node.model.config`; nested flows included). */
export function connectionIdsOfFlow(definition: Pick<FlowDefinition, 'cards'>): string[] {
  const ids = new Set<string>();
  const visitGraph = (graph: Pick<FlowGraph, 'cards'>) => graph.cards.forEach(visitCard);
  function visitCard(card: Card): void {
    const id = configOf(card);
    if (id !== undefined) ids.add(id);
    for (const field of [...(card.inputs ?? []), ...(card.outputs ?? [])]) if (field.flow) visitGraph(field.flow);
    for (const branch of card.branches ?? []) {
      if (branch.head) visitCard(branch.head);
      branch.cards.forEach(visitCard);
    }
  }
  visitGraph(definition);
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
