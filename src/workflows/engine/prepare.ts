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
  const result: PreparedFlow = {
    graph: flow,
    flowId: definition.id,
    flowName: definition.name,
    cardsById: new Map(allCards(flow).map((card) => [card.id, card])),
    wiresTo,
  };
  prepared.set(flow, result);
  return result;
}
