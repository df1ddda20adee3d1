import type { CardRegistry, NestedFlowReader } from './card.js';
import type { Card, FlowGraph } from '../model/flow.schema.js';
import { allCards } from '../model/walk.js';
import { policyFlow } from './error-policy.js';

/** The If Error section of a card, if it can be read (an unreadable one fails when the card runs). */
function policyFlowQuietly(card: Card, readNestedFlow: NestedFlowReader): FlowGraph | string | null {
  try {
    return policyFlow(card, readNestedFlow);
  } catch {
    return null;
  }
}

/**
 * The cards of a flow (nested flows and If Error sections included) that Tollgate cannot run yet,
 * so an import can say so up front; running such a flow fails when it reaches one of them.
 */
export function findUnsupportedCards(graph: Pick<FlowGraph, 'cards'>, registry: CardRegistry, readNestedFlow: NestedFlowReader): Card[] {
  const unsupported: Card[] = [];
  for (const card of allCards(graph)) {
    if (!registry.has(card.type)) unsupported.push(card);
    for (const field of [...(card.inputs ?? []), ...(card.outputs ?? [])]) if (field.flow) unsupported.push(...findUnsupportedCards(field.flow, registry, readNestedFlow));
    const handler = card.onError?.type === 'handler' ? policyFlowQuietly(card, readNestedFlow) : null;
    if (handler !== null && typeof handler !== 'string') unsupported.push(...findUnsupportedCards(handler, registry, readNestedFlow));
  }
  return unsupported;
}
