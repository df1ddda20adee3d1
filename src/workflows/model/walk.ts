import type { Card, FlowGraph } from './flow.schema.js';

/**
 * Every card of a graph in structural order: each card, then (for If/Else) each branch's head and
 * cards. Cards of flows nested in `flo` fields belong to their own graph and are not included.
 */
export function allCards(graph: Pick<FlowGraph, 'cards'>): Card[] {
  const out: Card[] = [];
  const visit = (cards: readonly Card[]): void => {
    for (const card of cards) {
      out.push(card);
      for (const branch of card.branches ?? []) {
        if (branch.head) out.push(branch.head);
        visit(branch.cards);
      }
    }
  };
  visit(graph.cards);
  return out;
}

/**
 * Every card of the flow and of the flows nested in its cards' fields (a For Each's helper, an error
 * handler), branch heads included.
 */
export function cardsWithNested(graph: Pick<FlowGraph, 'cards'>): Card[] {
  const out: Card[] = [];
  const visit = (inner: Pick<FlowGraph, 'cards'>): void => {
    for (const card of allCards(inner)) {
      out.push(card);
      for (const field of [...(card.inputs ?? []), ...(card.outputs ?? [])]) if (field.flow) visit(field.flow);
    }
  };
  visit(graph);
  return out;
}

export function cardsById(graph: Pick<FlowGraph, 'cards'>): Map<string, Card> {
  return new Map(allCards(graph).map((card) => [card.id, card]));
}

/** How a person reads a card in a message: its title, type and id. */
export function describeCard(card: Pick<Card, 'id' | 'type' | 'name'>): string {
  return `'${card.name ?? card.type}' (${card.type}, id ${card.id})`;
}
