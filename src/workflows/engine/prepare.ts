import type { Card, FlowDefinition, FlowGraph, Wire } from '../model/flow.schema.js';
import { allCards } from '../model/walk.js';

/** A flow indexed for running: built once per flow object and reused by every execution of it. */
export interface PreparedFlow {
  graph: FlowGraph;
  flowId?: string;
  flowName?: string;
  cardsById: ReadonlyMap<string, Card>;
  /** Wires by target `cardId/fieldId`. */
  wiresTo: ReadonlyMap<string, readonly Wire[]>;
  /** Each card's inputs' wires, in the order of `card.inputs` (undefined: the input takes its literal). */
  inputWires: ReadonlyMap<Card, ReadonlyArray<readonly Wire[] | undefined>>;
}

const prepared = new WeakMap<FlowGraph, PreparedFlow>();

export function wireTargetKey(cardId: string, fieldId: string): string {
  return `${cardId}/${fieldId}`;
}

/**
 * Indexes the flow (cached per flow object, so the invoke endpoint can keep one flow object per
 * stored version and pay this once). The flow must not be mutated afterwards.
 */
export function prepareFlow(flow: FlowGraph | FlowDefinition): PreparedFlow {
  const cached = prepared.get(flow);
  if (cached) return cached;
  const wiresTo = new Map<string, Wire[]>();
  for (const wire of flow.wires) {
    const key = wireTargetKey(wire.to.card, wire.to.field);
    const list = wiresTo.get(key);
    if (list) list.push(wire);
    else wiresTo.set(key, [wire]);
  }
  const definition = flow as Partial<FlowDefinition>;
  const cards = allCards(flow);
  const result: PreparedFlow = {
    graph: flow,
    flowId: definition.id,
    flowName: definition.name,
    cardsById: new Map(cards.map((card) => [card.id, card])),
    wiresTo,
    // Resolved once here, so that a run reads an input's wires without building a key per input.
    inputWires: new Map(cards.map((card) => [card, (card.inputs ?? []).map((field) => wiresTo.get(wireTargetKey(card.id, field.id)))])),
  };
  prepared.set(flow, result);
  return result;
}
