import type { CardRegistry } from '../cards/card.js';
import { defaultCardRegistry } from '../cards/registry.js';
import type { Card, FlowGraph } from '../model/flow.schema.js';
import { allCards } from '../model/walk.js';
import { policyFlow } from './error-policy.js';

/** The If Error section of a card, if it can be read (an unreadable one fails when the card runs). */
function policyFlowQuietly(card: Card): FlowGraph | string | null {
  try {
    return policyFlow(card);
  } catch {
    return null;
  }
}

/**
 * The cards of a flow (nested flows and If Error sections included) that Tollgate cannot run yet,
 * so an import can say so up front; running such a flow fails when it reaches one of them.
 */
export function findUnsupportedCards(graph: Pick<FlowGraph, 'cards'>, registry: CardRegistry = defaultCardRegistry): Card[] {
  const unsupported: Card[] = [];
  for (const card of allCards(graph)) {
    if (!registry.has(card.type)) unsupported.push(card);
    for (const field of [...(card.inputs ?? []), ...(card.outputs ?? [])]) if (field.flow) unsupported.push(...findUnsupportedCards(field.flow, registry));
    const handler = card.onError?.type === 'handler' ? policyFlowQuietly(card) : null;
    if (handler !== null && typeof handler !== 'string') unsupported.push(...findUnsupportedCards(handler, registry));
  }
  return unsupported;
}
